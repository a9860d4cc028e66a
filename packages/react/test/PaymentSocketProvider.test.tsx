import { render, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentSocketClientApi } from '@paysocket/client';
import {
  PaymentSocketProvider,
  useDepositListener,
  usePaymentSocket,
  usePaymentSocketDebug,
  useTransactionStatus,
} from '@paysocket/react';
import { setUpBackendMock } from './support/backendMock';
import { quietRenderErrors } from './support/quietRenderErrors';
import { renderHookWithClient } from './support/renderWithClient';

const { createClient } = setUpBackendMock();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PaymentSocketProvider', () => {
  it.each([
    ['usePaymentSocket', () => usePaymentSocket('alice')],
    ['useDepositListener', () => useDepositListener('alice', 'tx-1', () => {})],
    ['useTransactionStatus', () => useTransactionStatus('tx-1')],
    ['usePaymentSocketDebug', () => usePaymentSocketDebug('alice')],
  ])('%s with neither a provider nor { client } throws naming the hook', (name, hook) => {
    quietRenderErrors();
    expect(() => renderHook(hook)).toThrow(
      `Could not find a paysocket client for ${name}(). Wrap the component that calls ${name}() in <PaymentSocketProvider client={client}>, or pass { client } in its last argument.`,
    );
  });

  it('lets every hook take { client } without a provider', () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = createClient();
    const { result } = renderHook(
      () => {
        usePaymentSocketDebug('alice', { client });
        return [
          usePaymentSocket('alice', {}, { client }),
          useDepositListener('alice', 'tx-1', () => {}, { client }),
          useTransactionStatus('tx-1', { client }),
        ] as const;
      },
      { reactStrictMode: true },
    );
    expect(result.current[0].client).toBe(client);
    expect(result.current[1].status).toBe('connecting');
    expect(result.current[2].status).toBeNull();
    expect(client.getState().userId).toBe('alice');
  });

  it('prefers { client } over the provider', () => {
    const fromProvider = createClient();
    const explicit = createClient();
    const setUser = vi.spyOn(fromProvider, 'setUser');
    const { result } = renderHookWithClient(
      () => usePaymentSocket('alice', undefined, { client: explicit }),
      fromProvider,
    );
    expect(result.current.client).toBe(explicit);
    expect(setUser).not.toHaveBeenCalled();
    expect(explicit.getState().userId).toBe('alice');
  });

  it('never connects, disconnects or destroys its client, through remounts', () => {
    const client = createClient();
    const touches = (['connect', 'disconnect', 'destroy', 'setUser'] as const).map((name) =>
      vi.spyOn(client, name),
    );
    const tree = (
      <PaymentSocketProvider client={client}>
        <p>wallet</p>
      </PaymentSocketProvider>
    );
    const { rerender, unmount } = render(tree, { reactStrictMode: true });
    rerender(tree);
    unmount();
    expect(touches.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
    expect(client.getState().status).toBe('idle');
  });

  it('refuses a missing client with a clear error', () => {
    quietRenderErrors();
    const missing = undefined as unknown as PaymentSocketClientApi;
    expect(() => render(<PaymentSocketProvider client={missing} />)).toThrow(
      /<PaymentSocketProvider> needs a client/,
    );
  });
});
