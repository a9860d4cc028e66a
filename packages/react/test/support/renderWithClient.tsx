import type { ReactNode } from 'react';
import { cleanup, render, renderHook, type RenderHookOptions } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { PaymentSocketClientApi } from '@paysocket/client';
import { PaymentSocketProvider } from '@paysocket/react';

export interface WithClientOptions {
  /**
   * Render the root in `<StrictMode>` (Testing Library's `reactStrictMode`: a `<StrictMode>`
   * inside a wrapper does not replay effects on React 19). Defaults to `true`.
   */
  strict?: boolean;
}

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

function wrapperFor(client: PaymentSocketClientApi) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <PaymentSocketProvider client={client}>{children}</PaymentSocketProvider>;
  };
}

/** `renderHook` inside a `PaymentSocketProvider`, in StrictMode unless told otherwise. */
export function renderHookWithClient<Result, Props>(
  hook: (props: Props) => Result,
  client: PaymentSocketClientApi,
  options: WithClientOptions & Pick<RenderHookOptions<Props>, 'initialProps'> = {},
) {
  const { strict = true, ...rest } = options;
  return renderHook(hook, { ...rest, reactStrictMode: strict, wrapper: wrapperFor(client) });
}

/** `render` inside a `PaymentSocketProvider`, in StrictMode unless told otherwise. */
export function renderWithClient(
  ui: ReactNode,
  client: PaymentSocketClientApi,
  { strict = true }: WithClientOptions = {},
) {
  return render(ui, { reactStrictMode: strict, wrapper: wrapperFor(client) });
}
