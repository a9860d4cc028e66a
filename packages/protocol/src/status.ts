/** The four statuses of a transaction (the seed's). */
export type TransactionStatus = 'pending' | 'completed' | 'failed' | 'cancelled';
export type TerminalStatus = Exclude<TransactionStatus, 'pending'>;
export type TransactionType = 'deposit' | 'withdrawal';

export const TRANSACTION_STATUSES: readonly TransactionStatus[] = [
  'pending',
  'completed',
  'failed',
  'cancelled',
];
export const TERMINAL_STATUSES: readonly TerminalStatus[] = ['completed', 'failed', 'cancelled'];

/**
 * Known values of `metadata.reason` / `reason`. Any other string is allowed on the
 * wire (`momo_<code>` for unmapped MoMo result codes).
 */
export type KnownFailureReason =
  'expired' | 'declined' | 'insufficient_funds' | 'merchant_cancelled' | 'user_cancelled';

export function isTerminalStatus(status: TransactionStatus): status is TerminalStatus {
  return status !== 'pending';
}

/** The state that the transition rules look at. */
export interface StatusState {
  status: TransactionStatus;
  reason?: string | undefined;
}

/**
 * Whether a terminal state can still become `completed`: money taken must be credited,
 * so a deposit that failed `expired` or was cancelled `user_cancelled` still accepts a
 * valid late success.
 */
export function acceptsLateSuccess(state: StatusState, type: TransactionType = 'deposit'): boolean {
  if (type !== 'deposit') return false;
  return (
    (state.status === 'failed' && state.reason === 'expired') ||
    (state.status === 'cancelled' && state.reason === 'user_cancelled')
  );
}

/** A state that nothing can change any more. */
export function isFinalState(state: StatusState, type: TransactionType = 'deposit'): boolean {
  return isTerminalStatus(state.status) && !acceptsLateSuccess(state, type);
}

/**
 * Whether `to` may follow `from`. Pending may become anything; a terminal status is
 * final, except the one late-success exception of {@link acceptsLateSuccess}. Repeating
 * the same status is not a transition (returns `false`).
 */
export function canTransition(
  from: StatusState,
  to: TransactionStatus,
  type: TransactionType = 'deposit',
): boolean {
  if (from.status === 'pending') return to !== 'pending';
  return to === 'completed' && acceptsLateSuccess(from, type);
}
