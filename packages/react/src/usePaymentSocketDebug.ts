import { useEffect } from 'react';
import type { ClientEventName } from '@paysocket/client';
import { assertUserId } from './assertHookArguments';
import { isDevelopment } from './isDevelopment';
import { usePaymentSocketClient, type PaymentSocketHookOptions } from './usePaymentSocketClient';

const EVENT_NAMES: readonly ClientEventName[] = [
  'deposit_completed',
  'withdrawal_completed',
  'payment_status_update',
  'error',
];

/**
 * Logs every connection change and every event of the client to the console, labelled with
 * `userId`, in development. In production builds it does nothing (and bundlers drop it).
 * It only observes: the user is set by the other hooks.
 */
export function usePaymentSocketDebug(
  userId: string | null,
  options?: PaymentSocketHookOptions,
): void {
  const client = usePaymentSocketClient('usePaymentSocketDebug', options?.client);
  assertUserId('usePaymentSocketDebug', userId);

  useEffect(() => {
    if (!isDevelopment()) return;
    const label = `[paysocket ${userId ?? 'signed out'}]`;
    let previous = client.getState();
    console.info(label, 'connection', previous.status, previous);
    const offState = client.subscribe(() => {
      const state = client.getState();
      if (state.status !== previous.status || state.userId !== previous.userId) {
        console.info(label, 'connection', `${previous.status} -> ${state.status}`, state);
      }
      previous = state;
    });
    const offEvents = EVENT_NAMES.map((name) =>
      client.on(name, (payload) => console.info(label, name, payload)),
    );
    return () => {
      offState();
      for (const off of offEvents) off();
    };
  }, [client, userId]);
}
