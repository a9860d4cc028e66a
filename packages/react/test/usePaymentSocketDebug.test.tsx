import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePaymentSocket, usePaymentSocketDebug } from '@paysocket/react';
import { FakePaymentSocketClient } from './support/FakePaymentSocketClient';
import { depositCompleted } from './support/paymentEvents';
import { renderHookWithClient } from './support/renderWithClient';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('usePaymentSocketDebug', () => {
  it('logs connection changes and every event in development', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = new FakePaymentSocketClient();
    renderHookWithClient(() => {
      usePaymentSocket('alice');
      usePaymentSocketDebug('alice');
    }, client);
    info.mockClear();

    const deposit = depositCompleted('tx-1');
    act(() => {
      client.acceptConnection();
      client.deliver(deposit);
    });

    expect(info).toHaveBeenCalledWith(
      '[paysocket alice]',
      'connection',
      'connecting -> connected',
      client.getState(),
    );
    expect(info).toHaveBeenCalledWith('[paysocket alice]', 'deposit_completed', deposit);
  });

  it('leaves no listener behind when unmounted', () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = new FakePaymentSocketClient();
    const { unmount } = renderHookWithClient(() => usePaymentSocketDebug('alice'), client);
    expect(client.listenerCount('deposit_completed')).toBe(1);
    unmount();
    expect(client.listenerCount('deposit_completed')).toBe(0);
    expect(client.subscriberCount()).toBe(0);
  });

  it('logs nothing and listens to nothing in production builds', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = new FakePaymentSocketClient();
    renderHookWithClient(() => usePaymentSocketDebug('alice'), client);
    act(() => {
      client.setUser('alice');
      client.acceptConnection();
      client.deliver(depositCompleted('tx-1'));
    });

    expect(info).not.toHaveBeenCalled();
    expect(client.listenerCount('deposit_completed')).toBe(0);
  });
});
