import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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

interface TransactionError {
  transactionId: string;
  /** The state shown when the error arrived: a later state change clears it. */
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
  // A memoised snapshot, as useSyncExternalStore's selector variant keeps one: it moves only
  // to a state that may follow the one shown, so a regression never renders.
  const getSnapshot = useMemo(() => {
    let shown: TransactionState | undefined;
    return () => {
      const next = transactionId === null ? undefined : client.getTransaction(transactionId);
      if (next !== shown && follows(shown, next)) shown = next;
      return shown;
    };
  }, [client, transactionId]);
  const state = useSyncExternalStore(subscribe, getSnapshot, serverSnapshot);

  const [failure, setFailure] = useState<TransactionError | null>(null);
  useEffect(() => {
    if (transactionId === null) return;
    return client.on('error', (error) => {
      if (error.transactionId !== transactionId) return;
      setFailure({ transactionId, state: getSnapshot(), error });
    });
  }, [client, transactionId, getSnapshot]);

  const error =
    failure !== null && failure.transactionId === transactionId && failure.state === state
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
