import { useCallback, useSyncExternalStore } from 'react';
import type {
  ConnectionStatus,
  PaymentSocketClientApi,
  PaymentSocketError,
} from '@paysocket/client';

export interface ConnectionState {
  status: ConnectionStatus;
  lastError: PaymentSocketError | null;
}

const serverStatus = (): ConnectionStatus => 'idle';
const serverError = (): null => null;

/**
 * The client's connection status and last error. Each is its own snapshot, so a component
 * re-renders only when one of them changes. On the server (and while hydrating) it reads as
 * disconnected: `idle`, no error.
 */
export function useConnectionState(client: PaymentSocketClientApi): ConnectionState {
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  const status = useSyncExternalStore(subscribe, () => client.getState().status, serverStatus);
  const lastError = useSyncExternalStore(subscribe, () => client.getState().lastError, serverError);
  return { status, lastError };
}
