import type { TransactionSnapshot } from '@paysocket/protocol';
import type { DepositPhase } from './DepositPhase';
import { formatVnd } from './formatVnd';
import type { DepositQRMessages } from './messages';

export interface PhaseTextInputs {
  phase: DepositPhase;
  deposit: TransactionSnapshot;
  completion?: { amount: number; newBalance: number | null } | undefined;
  reason?: string | undefined;
  messages: DepositQRMessages;
}

/** The dialog's title and description for a phase: the QR's while it is payable, else its result's. */
export function phaseText(inputs: PhaseTextInputs): { title: string; description: string } {
  const { phase, deposit, messages: m } = inputs;
  switch (phase) {
    case 'success': {
      const credited = formatVnd(inputs.completion?.amount ?? deposit.amount);
      const balance = inputs.completion?.newBalance ?? deposit.newBalance ?? null;
      return {
        title: m.successTitle,
        description: m.successBody(credited, balance === null ? null : formatVnd(balance)),
      };
    }
    case 'declined':
      return { title: m.declinedTitle, description: m.declinedBody };
    case 'cancelled':
      return { title: m.cancelledTitle, description: m.cancelledBody };
    case 'expired':
      return { title: m.expiredTitle, description: m.expiredBody };
    case 'failed':
      return { title: m.failedTitle, description: m.failedReason(inputs.reason) };
    case 'connecting':
    case 'waiting':
    case 'checking':
      return { title: m.title, description: m.description(formatVnd(deposit.amount)) };
  }
}
