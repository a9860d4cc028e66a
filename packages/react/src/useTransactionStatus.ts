import type { PaymentEventMap, PaymentSocketError } from '@paysocket/client';
import type { PaymentEventKind, TransactionStatus } from '@paysocket/protocol';
import { assertTransactionId } from './assertHookArguments';
import { usePaymentSocketClient, type PaymentSocketHookOptions } from './usePaymentSocketClient';
import { useTransactionObserver } from './useTransactionObserver';
import { useTransactionSnapshot } from './useTransactionSnapshot';

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

/**
 * The status of one transaction as the client's observer shows it (folded from every event
 * kind and look-up, never going back), kept followed while mounted.
 */
export function useTransactionStatus(
  transactionId: string | null,
  options?: PaymentSocketHookOptions,
): TransactionStatusResult {
  const client = usePaymentSocketClient('useTransactionStatus', options?.client);
  assertTransactionId('useTransactionStatus', transactionId);
  const snapshot = useTransactionSnapshot(useTransactionObserver(client, transactionId));
  return {
    status: snapshot.status === 'unknown' ? null : snapshot.status,
    event: snapshot.event ?? null,
    reason: snapshot.reason ?? null,
    error: snapshot.error ?? null,
  };
}
