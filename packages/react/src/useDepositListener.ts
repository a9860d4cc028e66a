import { useEffect, useRef } from 'react';
import type { ConnectionStatus } from '@paysocket/client';
import type { DepositCompletedEvent, PaymentStatusUpdateEvent } from '@paysocket/protocol';
import { assertCallback, assertTransactionId } from './assertHookArguments';
import { useConnectionState } from './useConnectionState';
import { useLatest } from './useLatest';
import { usePaymentSocketClient, type PaymentSocketHookOptions } from './usePaymentSocketClient';
import { useFollowTransaction } from './useFollowTransaction';
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

type Outcome = 'completed' | 'failed' | 'cancelled';

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
  useFollowTransaction(client, transactionId);
  const { status } = useConnectionState(client);
  const latest = useLatest({
    userId,
    onCompleted,
    onFailed: options?.onFailed,
    onCancelled: options?.onCancelled,
  });
  // Outlives effect re-runs (StrictMode, a new client), so each outcome is reported once.
  const reported = useRef(new Set<string>());

  useEffect(() => {
    if (transactionId === null) return;
    const report = (outcome: Outcome, call: () => void) => {
      const owner = latest.current.userId;
      if (owner === null || client.getState().userId !== owner) return;
      const key = `${outcome}:${transactionId}`;
      if (reported.current.has(key)) return;
      reported.current.add(key);
      call();
    };
    const onDeposit = (event: DepositCompletedEvent) => {
      if (event.transactionId !== transactionId) return;
      report('completed', () => latest.current.onCompleted(event));
    };
    const onStatus = (event: PaymentStatusUpdateEvent) => {
      if (event.transactionId !== transactionId) return;
      if (event.status === 'failed') report('failed', () => latest.current.onFailed?.(event));
      if (event.status === 'cancelled') {
        report('cancelled', () => latest.current.onCancelled?.(event));
      }
    };
    const offDeposit = client.on('deposit_completed', onDeposit);
    const offStatus = client.on('payment_status_update', onStatus);
    // What the client learnt before these listeners existed (between render and this effect,
    // or before mount) is in the transaction's state.
    const known = client.getTransaction(transactionId)?.event;
    if (known?.type === 'deposit_completed') onDeposit(known);
    else if (known?.type === 'payment_status_update') onStatus(known);
    return () => {
      offDeposit();
      offStatus();
    };
  }, [client, transactionId, latest]);

  return { connected: status === 'connected', status };
}
