import { useContext } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';
import { PaymentSocketContext } from './PaymentSocketProvider';

/** Options every paysocket hook accepts last. */
export interface PaymentSocketHookOptions {
  /** Use this client instead of the nearest `PaymentSocketProvider`'s. */
  client?: PaymentSocketClientApi;
}

/**
 * The client a hook works with: `options.client`, else the provider's. Throws (a mistake in
 * the app, not a runtime condition) naming the hook when there is neither.
 */
export function usePaymentSocketClient(
  hookName: string,
  explicit: PaymentSocketClientApi | undefined,
): PaymentSocketClientApi {
  const fromContext = useContext(PaymentSocketContext);
  const client = explicit ?? fromContext;
  if (!client) {
    throw new Error(
      `Could not find a paysocket client for ${hookName}(). Wrap the component that calls ` +
        `${hookName}() in <PaymentSocketProvider client={client}>, or pass { client } in its last argument.`,
    );
  }
  return client;
}
