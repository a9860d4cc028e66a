import { useCallback, useSyncExternalStore } from 'react';
import type { TransactionObserverApi, TransactionObserverSnapshot } from '@paysocket/client';

const UNKNOWN: TransactionObserverSnapshot = Object.freeze({ status: 'unknown' });
const unknown = () => UNKNOWN;

/**
 * What `observer` shows now, re-rendering when it changes; `unknown` for no observer, on the
 * server and while hydrating. Subscribing is what keeps the transaction followed.
 */
export function useTransactionSnapshot(
  observer: TransactionObserverApi | null,
): TransactionObserverSnapshot {
  const subscribe = useCallback(
    (onChange: () => void) => observer?.subscribe(onChange) ?? (() => {}),
    [observer],
  );
  const getSnapshot = useCallback(() => observer?.getSnapshot() ?? UNKNOWN, [observer]);
  return useSyncExternalStore(subscribe, getSnapshot, unknown);
}
