import type { TransactionStatus } from '@paysocket/protocol';

/**
 * What the modal shows, also its `data-state`: `connecting` and `waiting` show the QR,
 * `checking` is the last look-up at expiry, the rest are results.
 */
export type DepositPhase =
  | 'connecting'
  | 'waiting'
  | 'checking'
  | 'success'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'failed';

/** The live indicator, also the `data-connection` attribute. */
export type ConnectionIndicator = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'error';

export const RESULT_PHASES: readonly DepositPhase[] = [
  'success',
  'declined',
  'cancelled',
  'expired',
  'failed',
];

export function isResultPhase(phase: DepositPhase): boolean {
  return RESULT_PHASES.includes(phase);
}

export interface PhaseInputs {
  /** Status known for the transaction (from the client, or the snapshot until it knows). */
  status: TransactionStatus;
  reason?: string | undefined;
  connection: ConnectionIndicator;
  /** Milliseconds until `expiresAt` on the server's clock; null when the deposit has no expiry. */
  remainingMs: number | null;
  /** Whether the look-up made when the countdown reached zero has answered. */
  finalLookupDone: boolean;
}

/**
 * The phase for a transaction state. A server outcome always wins over the local
 * countdown, so a success that lands after the QR expired still shows as success.
 */
export function derivePhase(inputs: PhaseInputs): DepositPhase {
  const { status, reason } = inputs;
  if (status === 'completed') return 'success';
  if (status === 'failed') return reason === 'expired' ? 'expired' : 'failed';
  if (status === 'cancelled') return reason === 'declined' ? 'declined' : 'cancelled';
  if (inputs.remainingMs !== null && inputs.remainingMs <= 0) {
    return inputs.finalLookupDone ? 'expired' : 'checking';
  }
  return inputs.connection === 'connecting' ? 'connecting' : 'waiting';
}
