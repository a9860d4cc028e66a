import type { ReactNode } from 'react';
import { render, renderHook, type RenderHookOptions } from '@testing-library/react';
import type { PaymentSocketClientApi } from '@paysocket/client';
import { PaymentSocketProvider } from '@paysocket/react';

export interface WithClientOptions {
  /**
   * Render the root in `<StrictMode>` (Testing Library's `reactStrictMode`: a `<StrictMode>`
   * inside a wrapper does not replay effects on React 19). Defaults to `true`.
   */
  strict?: boolean;
}

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
