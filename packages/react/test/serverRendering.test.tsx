// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { PaymentSocketClient } from '@paysocket/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  PaymentSocketProvider,
  useDepositListener,
  usePaymentSocket,
  usePaymentSocketDebug,
  useTransactionStatus,
} from '@paysocket/react';
import { FakePaymentSocketClient } from './support/FakePaymentSocketClient';
import { depositCompleted } from './support/paymentEvents';

const touched: string[] = [];
const trapped = ['window', 'document', 'navigator', 'localStorage'] as const;

function trapBrowserGlobals() {
  for (const name of trapped) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        return undefined;
      },
    });
  }
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const name of trapped) Reflect.deleteProperty(globalThis, name);
  touched.length = 0;
});

function Wallet() {
  const { connected, status, error } = usePaymentSocket('alice', {
    onDepositCompleted: () => {},
  });
  const listener = useDepositListener('alice', 'tx-1', () => {});
  const transaction = useTransactionStatus('tx-1');
  usePaymentSocketDebug('alice');
  const summary = [
    connected ? 'connected' : 'disconnected',
    status,
    String(error),
    listener.status,
    String(transaction.status),
  ];
  return <p>{summary.join(' ')}</p>;
}

describe('server rendering', () => {
  it('renders the disconnected state, subscribes to nothing and touches no browser global', () => {
    const client = new FakePaymentSocketClient({ userId: 'alice', status: 'connected' });
    client.deliver(depositCompleted('tx-1'));
    const consoleError = vi.spyOn(console, 'error');
    trapBrowserGlobals();

    const html = renderToString(
      <PaymentSocketProvider client={client}>
        <Wallet />
      </PaymentSocketProvider>,
    );

    expect(html).toBe('<p>disconnected idle null idle null</p>');
    expect(touched).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    expect(client.setUserCalls).toEqual([]);
    expect(client.watchCalls).toEqual([]);
    expect(client.listenerCount('deposit_completed')).toBe(0);
    expect(client.subscriberCount()).toBe(0);
  });

  it('renders the disconnected state with a real PaymentSocketClient', () => {
    const client = new PaymentSocketClient({
      url: 'http://127.0.0.1:9',
      autoConnect: false,
      logger: false,
    });
    trapBrowserGlobals();
    try {
      const html = renderToString(
        <PaymentSocketProvider client={client}>
          <Wallet />
        </PaymentSocketProvider>,
      );
      expect(html).toBe('<p>disconnected idle null idle null</p>');
      expect(touched).toEqual([]);
      expect(client.getState()).toMatchObject({ status: 'idle', userId: null });
    } finally {
      client.destroy();
    }
  });
});
