import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { PaymentEventMap, PaymentSocketError, TransactionState } from '@paysocket/client';
import { canTransition, type PaymentEventKind, type TransactionStatus } from '@paysocket/protocol';
import { assertTransactionId } from './assertHookArguments';
import { useFollowTransaction } from './useFollowTransaction';
import { usePaymentSocketClient, type PaymentSocketHookOptions } from './usePaymentSocketClient';

export interface TransactionStatusResult {
  /** The transaction's status, or null while nothing is known about it yet. */
  status: TransactionStatus | null;
  /** The last event that changed it, or null (none yet, or it was learnt by a look-up). */
  event: PaymentEventMap[PaymentEventKind] | null;
  /** Why it failed or was cancelled (`expired`, `declined`, `user_cancelled`…), or null. */
  reason: string | null;
  /** The last error about this transaction (a failed look-up) since its state last changed. */
  error: PaymentSocketError | null;
}

interface Shown {
  transactionId: string | null;
  state: TransactionState | undefined;
}

interface TransactionError {
  transactionId: string;
  /** The state the error arrived in: a later state change clears it. */
  state: TransactionState | undefined;
  error: PaymentSocketError;
}

const serverSnapshot = (): undefined => undefined;

/**
 * The status of one transaction as the client folds it from every event kind and look-up,
 * kept watched while mounted. It never goes back: once a status is shown, only a change the
 * protocol's status rules allow replaces it (a switch of user, which makes the client forget
 * the transaction, leaves the last status shown).
 */
export function useTransactionStatus(
  transactionId: string | null,
  options?: PaymentSocketHookOptions,
): TransactionStatusResult {
  const client = usePaymentSocketClient('useTransactionStatus', options?.client);
  assertTransactionId('useTransactionStatus', transactionId);
  useFollowTransaction(client, transactionId);
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  const current = useSyncExternalStore(
    subscribe,
    () => (transactionId === null ? undefined : client.getTransaction(transactionId)),
    serverSnapshot,
  );

  const [shown, setShown] = useState<Shown>({ transactionId, state: current });
  let state = shown.state;
  if (shown.transactionId !== transactionId || (current !== state && follows(state, current))) {
    state = current;
    // Storing what was shown during render is how React keeps a value from the previous
    // render: it re-renders this component at once, before anything is committed.
    setShown({ transactionId, state });
  }

  const [failure, setFailure] = useState<TransactionError | null>(null);
  useEffect(() => {
    if (transactionId === null) return;
    return client.on('error', (error) => {
      if (error.transactionId !== transactionId) return;
      setFailure({ transactionId, state: client.getTransaction(transactionId), error });
    });
  }, [client, transactionId]);

  const error =
    failure !== null && failure.transactionId === transactionId && failure.state === current
      ? failure.error
      : null;
  return {
    status: state?.status ?? null,
    event: state?.event ?? null,
    reason: state?.reason ?? null,
    error,
  };
}

function follows(
  previous: TransactionState | undefined,
  next: TransactionState | undefined,
): next is TransactionState {
  if (next === undefined) return false;
  if (previous === undefined || previous.status === next.status) return true;
  return canTransition(previous, next.status, next.type ?? previous.type);
}
