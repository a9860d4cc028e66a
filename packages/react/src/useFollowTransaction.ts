import { useEffect } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';

/**
 * Keeps `transactionId` watched in the client while the calling hook is mounted: the client
 * looks it up after every reconnect until it is final (also a failed `expired` deposit, which
 * a late success can still complete) and never evicts its state. A client without `follow`
 * gets an open `watchTransaction` instead, which ends at the first terminal status.
 */
export function useFollowTransaction(
  client: PaymentSocketClientApi,
  transactionId: string | null,
): void {
  useEffect(() => {
    if (transactionId === null) return;
    if (client.follow) return client.follow(transactionId);
    const watch = client.watchTransaction(transactionId);
    return () => watch.cancel();
  }, [client, transactionId]);
}
