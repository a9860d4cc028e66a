import { useEffect } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';

/**
 * Keeps `transactionId` watched in the client while the calling hook is mounted: the client
 * looks it up after every reconnect until it is final (also a failed `expired` deposit, which
 * a late success can still complete) and never evicts its state.
 */
export function useFollowTransaction(
  client: PaymentSocketClientApi,
  transactionId: string | null,
): void {
  useEffect(() => {
    if (transactionId === null) return;
    return client.follow(transactionId);
  }, [client, transactionId]);
}
