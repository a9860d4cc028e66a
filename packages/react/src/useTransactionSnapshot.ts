import { useSyncExternalStore } from 'react';
import type { TransactionObserverApi, TransactionObserverSnapshot } from '@paysocket/client';

const UNKNOWN: TransactionObserverSnapshot = Object.freeze({ status: 'unknown' });
const unknown = () => UNKNOWN;
const noSubscription = () => () => {};

/**
 * What `observer` shows now, re-rendering when it changes; `unknown` for no observer, on the
 * server and while hydrating. Subscribing is what keeps the transaction followed.
 */
export function useTransactionSnapshot(
  observer: TransactionObserverApi | null,
): TransactionObserverSnapshot {
  // The observer's subscribe and getSnapshot are bound: they go in as they are.
  return useSyncExternalStore(
    observer?.subscribe ?? noSubscription,
    observer?.getSnapshot ?? unknown,
    unknown,
  );
}
