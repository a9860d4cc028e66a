import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentSocketClient } from '@paysocket/client';
import {
  useDepositListener,
  usePaymentSocket,
  usePaymentSocketDebug,
  useTransactionStatus,
  type PaymentSocketHandlers,
} from '@paysocket/react';
import { quietRenderErrors } from './support/quietRenderErrors';
import { renderHookWithClient } from './support/renderWithClient';

// What JavaScript callers (or a cast) can pass despite the types.
const loose = <T,>(value: unknown) => value as T;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hook arguments', () => {
  it.each([
    [
      'an empty userId',
      () => usePaymentSocket(''),
      'usePaymentSocket(): userId must be a non-empty string, or null when signed out (got "").',
    ],
    [
      'an undefined userId',
      () => useDepositListener(loose<string>(undefined), 'tx-1', () => {}),
      'useDepositListener(): userId must be a non-empty string, or null when signed out (got undefined).',
    ],
    [
      'a numeric userId',
      () => usePaymentSocketDebug(loose<string>(42)),
      'usePaymentSocketDebug(): userId must be a non-empty string, or null when signed out (got 42).',
    ],
    [
      'an empty transactionId',
      () => useTransactionStatus(''),
      'useTransactionStatus(): transactionId must be a non-empty string, or null for none (got "").',
    ],
    [
      'a missing onCompleted',
      () => useDepositListener('alice', 'tx-1', loose<() => void>(undefined)),
      'useDepositListener(): onCompleted must be a function (got undefined).',
    ],
    [
      'a handler that is not a function',
      () =>
        usePaymentSocket('alice', loose<PaymentSocketHandlers>({ onDepositCompleted: 'alert' })),
      'usePaymentSocket(): onDepositCompleted must be a function (got "alert").',
    ],
  ])('refuses %s with a clear error and leaves the client alone', (_what, hook, message) => {
    quietRenderErrors();
    const client = new PaymentSocketClient({
      url: 'http://api.test',
      autoConnect: false,
      logger: false,
    });
    const touches = (['setUser', 'follow', 'observe', 'subscribe', 'connect'] as const).map(
      (name) => vi.spyOn(client, name),
    );
    expect(() => renderHookWithClient(hook, client)).toThrow(TypeError);
    expect(() => renderHookWithClient(hook, client)).toThrow(message);
    expect(touches.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);
    expect(client.listenerCount('deposit_completed')).toBe(0);
    expect(client.getState()).toMatchObject({ status: 'idle', userId: null });
    client.destroy();
  });
});
