import type { PaymentEventKind, TransactionSnapshot } from '@paysocket/protocol';
import type { PaymentEventMap } from './types';

export type AnyPaymentEvent = PaymentEventMap[PaymentEventKind];

/**
 * The event a client missed, rebuilt from a looked-up snapshot: a completion when the snapshot
 * holds every field that event needs, a status update for a failure or cancellation, else
 * nothing (a pending transaction, or a completion without its new balance).
 */
export function eventFromSnapshot(s: TransactionSnapshot): AnyPaymentEvent | undefined {
  const base = {
    transactionId: s.transactionId,
    amount: s.amount,
    message: s.message,
    timestamp: s.updatedAt,
  };
  if (s.status === 'completed') {
    if (s.newBalance === undefined) return undefined;
    return s.type === 'deposit'
      ? {
          type: 'deposit_completed',
          ...base,
          newBalance: s.newBalance,
          ...(s.providerTransactionId === undefined
            ? {}
            : { providerTransactionId: s.providerTransactionId }),
        }
      : { type: 'withdrawal_completed', ...base, newBalance: s.newBalance };
  }
  if (s.status === 'pending') return undefined;
  return {
    type: 'payment_status_update',
    ...base,
    status: s.status,
    transactionType: s.type,
    ...(s.reason === undefined ? {} : { metadata: { reason: s.reason } }),
  };
}
