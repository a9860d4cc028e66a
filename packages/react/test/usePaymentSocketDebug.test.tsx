import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePaymentSocket, usePaymentSocketDebug } from '@paysocket/react';
import { USER_ID, caughtUp, flush, setUpBackendMock } from './support/backendMock';
import { renderHookWithClient } from './support/renderWithClient';

const { backend, createClient } = setUpBackendMock();

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('usePaymentSocketDebug', () => {
  it('logs connection changes and every event in development', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = createClient();
    renderHookWithClient(() => {
      usePaymentSocket(USER_ID);
      usePaymentSocketDebug(USER_ID);
    }, client);
    await caughtUp(client);

    const deposit = backend.completeDeposit(
      backend.createDeposit({ amount: 50_000 }).transactionId,
    );
    await waitFor(
      () =>
        expect(info).toHaveBeenCalledWith(
          '[paysocket alice]',
          'deposit_completed',
          expect.objectContaining({ ...deposit }),
        ),
      { timeout: 10_000 },
    );
    expect(info).toHaveBeenCalledWith(
      '[paysocket alice]',
      'connection',
      'connecting -> connected',
      expect.objectContaining({ status: 'connected', userId: USER_ID }),
    );
  });

  it('leaves no listener behind when unmounted', () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = createClient();
    const { unmount } = renderHookWithClient(() => usePaymentSocketDebug(USER_ID), client);
    expect(client.listenerCount('deposit_completed')).toBe(1);
    unmount();
    expect(client.listenerCount('deposit_completed')).toBe(0);
    expect(client.listenerCount('error')).toBe(0);
  });

  it('logs nothing and listens to nothing in production builds', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = createClient();
    renderHookWithClient(() => usePaymentSocketDebug(USER_ID), client);
    client.setUser(USER_ID);
    await caughtUp(client);
    backend.completeDeposit(backend.createDeposit({ amount: 50_000 }).transactionId);
    await flush(backend, client);

    expect(info).not.toHaveBeenCalled();
    expect(client.listenerCount('deposit_completed')).toBe(0);
  });
});
