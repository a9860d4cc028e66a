import { createContext, type ReactNode } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';

/** The client the nearest `PaymentSocketProvider` holds; null outside any provider. */
export const PaymentSocketContext = createContext<PaymentSocketClientApi | null>(null);

export interface PaymentSocketProviderProps {
  /**
   * The client every hook below uses. Create it once, outside render (for example at
   * module level, with `autoConnect: false`): the provider never creates, connects or
   * closes it, so StrictMode and remounts cannot tear the connection down.
   */
  client: PaymentSocketClientApi;
  children?: ReactNode;
}

/** Puts a `PaymentSocketClient` in context for the paysocket hooks. */
export function PaymentSocketProvider({ client, children }: PaymentSocketProviderProps) {
  if (!isClient(client)) {
    throw new TypeError(
      '<PaymentSocketProvider> needs a client: <PaymentSocketProvider client={new PaymentSocketClient({ url })}>.',
    );
  }
  return <PaymentSocketContext.Provider value={client}>{children}</PaymentSocketContext.Provider>;
}

function isClient(value: unknown): value is PaymentSocketClientApi {
  const candidate = value as Partial<PaymentSocketClientApi> | null | undefined;
  return (
    typeof candidate?.subscribe === 'function' &&
    typeof candidate.getState === 'function' &&
    typeof candidate.on === 'function' &&
    typeof candidate.setUser === 'function'
  );
}
