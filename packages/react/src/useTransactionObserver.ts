import { useState } from 'react';
import type { PaymentSocketClientApi, TransactionObserverApi } from '@paysocket/client';

/**
 * The client's shared observer of `transactionId` (null for none): taken once, and again only
 * when the client or the id changes.
 */
export function useTransactionObserver(
  client: PaymentSocketClientApi,
  transactionId: string | null,
): TransactionObserverApi | null {
  const observe = () => ({
    client,
    observer: transactionId === null ? null : client.observe(transactionId),
  });
  const [held, setHeld] = useState(observe);
  if (held.client === client && (held.observer?.transactionId ?? null) === transactionId) {
    return held.observer;
  }
  const next = observe();
  setHeld(next);
  return next.observer;
}
