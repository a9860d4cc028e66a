import { useCallback, useState, useSyncExternalStore } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';
import type { TransactionSnapshot } from '@paysocket/protocol';

const noServerOffset = (): null => null;

/**
 * Server clock minus local clock. The client's value once it has one (from `session:v1` or
 * a look-up); until then the deposit snapshot's `serverTime`, read when the modal mounts.
 */
export function useServerOffset(
  client: PaymentSocketClientApi,
  deposit: TransactionSnapshot,
): number {
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  const fromClient = useSyncExternalStore(
    subscribe,
    () => {
      const state = client.getState();
      return state.epoch !== null || state.serverTimeOffsetMs !== 0
        ? state.serverTimeOffsetMs
        : null;
    },
    noServerOffset,
  );
  const [fromSnapshot] = useState(() =>
    deposit.serverTime ? Date.parse(deposit.serverTime) - Date.now() : 0,
  );
  return fromClient ?? fromSnapshot;
}
