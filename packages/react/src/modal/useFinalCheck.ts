import { useEffect, useState } from 'react';
import type { TransactionObserverApi, TransactionObserverSnapshot } from '@paysocket/client';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { useLatest } from '../useLatest';

export type LookupTransaction = (transactionId: string) => Promise<TransactionSnapshot | null>;

/**
 * The look-up made once the countdown is `due` (reached zero on a deposit still pending): a
 * payment made in the last seconds may not have been pushed yet. It is the observer's
 * `refresh()`, so whatever it finds reaches the modal like any other change. Returns whether
 * it has answered.
 *
 * An app's own `lookupTransaction` is asked first when given; a deposit it finds settled is
 * confirmed by the client's look-up, so what is shown and reported is always the client's.
 */
export function useFinalCheck(
  observer: TransactionObserverApi | null,
  due: boolean,
  lookupTransaction: LookupTransaction | undefined,
): boolean {
  const [answered, setAnswered] = useState(false);
  const latest = useLatest(lookupTransaction);
  useEffect(() => {
    if (!due || !observer) return;
    let current = true;
    void check(observer, latest.current).then(() => {
      if (current) setAnswered(true);
    });
    return () => {
      current = false;
    };
  }, [due, observer, latest]);
  return answered;
}

async function check(
  observer: TransactionObserverApi,
  lookup: LookupTransaction | undefined,
): Promise<TransactionObserverSnapshot> {
  if (!lookup) return observer.refresh();
  const found = await lookup(observer.transactionId).catch(() => null);
  return found && found.status !== 'pending' ? observer.refresh() : observer.getSnapshot();
}
