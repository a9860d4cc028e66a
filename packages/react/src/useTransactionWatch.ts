import { useEffect } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';

/**
 * Keeps `transactionId` watched in the client while the calling hook is mounted, so the
 * client looks it up after every reconnect and never evicts its state.
 */
export function useTransactionWatch(
  client: PaymentSocketClientApi,
  transactionId: string | null,
): void {
  useEffect(() => {
    if (transactionId === null) return;
    const watch = client.watchTransaction(transactionId);
    return () => watch.cancel();
  }, [client, transactionId]);
}
