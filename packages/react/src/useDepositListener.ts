import { useEffect, useState } from 'react';
import type { ConnectionStatus, TransactionOutcome } from '@paysocket/client';
import type { DepositCompletedEvent, PaymentStatusUpdateEvent } from '@paysocket/protocol';
import { assertCallback, assertTransactionId } from './assertHookArguments';
import { useConnectionState } from './useConnectionState';
import { useLatest } from './useLatest';
import { usePaymentSocketClient, type PaymentSocketHookOptions } from './usePaymentSocketClient';
import { useTransactionObserver } from './useTransactionObserver';
import { useUserClaim } from './useUserClaim';

export interface DepositListenerOptions extends PaymentSocketHookOptions {
  /** The deposit failed (`event.metadata.reason` says why); called once per transaction. */
  onFailed?: (event: PaymentStatusUpdateEvent) => void;
  /** The deposit was cancelled; called once per transaction. */
  onCancelled?: (event: PaymentStatusUpdateEvent) => void;
}

export interface DepositListenerResult {
  /** `status === 'connected'`. */
  connected: boolean;
  /** The connection's status (not the deposit's: see `useTransactionStatus`). */
  status: ConnectionStatus;
}

/**
 * Connects `userId` and calls `onCompleted` once when deposit `transactionId` completes —
 * live, replayed, or found by the client's look-up after a reconnect, even when that
 * happened before this hook mounted. Other transactions never reach it. A null
 * `transactionId` listens to nothing.
 */
export function useDepositListener(
  userId: string | null,
  transactionId: string | null,
  onCompleted: (event: DepositCompletedEvent) => void,
  options?: DepositListenerOptions,
): DepositListenerResult {
  const client = usePaymentSocketClient('useDepositListener', options?.client);
  assertTransactionId('useDepositListener', transactionId);
  assertCallback('useDepositListener', 'onCompleted', onCompleted, true);
  assertCallback('useDepositListener', 'onFailed', options?.onFailed);
  assertCallback('useDepositListener', 'onCancelled', options?.onCancelled);
  useUserClaim(client, userId, 'useDepositListener');
  const { status } = useConnectionState(client);
  const observer = useTransactionObserver(client, transactionId);
  const latest = useLatest({ client, userId, onCompleted, ...options });
  // One listener for the hook's life: the observer tells a listener each outcome once, so
  // StrictMode's second effect run repeats nothing.
  const [report] = useState(() => ({ status: outcome, event }: TransactionOutcome) => {
    const { client: current, userId: owner, ...handlers } = latest.current;
    if (owner === null || current.getState().userId !== owner) return;
    if (outcome === 'completed' && event?.type === 'deposit_completed') handlers.onCompleted(event);
    if (outcome !== 'completed' && event?.type === 'payment_status_update') {
      (outcome === 'failed' ? handlers.onFailed : handlers.onCancelled)?.(event);
    }
  });
  useEffect(() => observer?.onOutcome(report), [observer, report]);
  return { connected: status === 'connected', status };
}
