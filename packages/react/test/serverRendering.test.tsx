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
import { USER_ID, caughtUp, setUpBackendMock } from './support/backendMock';

const { backend, createClient } = setUpBackendMock();
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

function Wallet({ transactionId = 'tx-1' }: { transactionId?: string }) {
  const { connected, status, error } = usePaymentSocket(USER_ID, {
    onDepositCompleted: () => {},
  });
  const listener = useDepositListener(USER_ID, transactionId, () => {});
  const transaction = useTransactionStatus(transactionId);
  usePaymentSocketDebug(USER_ID);
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
  it('renders the disconnected state, subscribes to nothing and touches no browser global', async () => {
    // A client that is connected and knows the deposit completed: the server's HTML still
    // shows none of it, so that hydration matches.
    const client = createClient();
    client.setUser(USER_ID);
    client.connect();
    await caughtUp(client);
    const { transactionId } = backend.createDeposit({ amount: 50_000 });
    backend.completeDeposit(transactionId);
    await vi.waitFor(() => expect(client.getTransaction(transactionId)?.status).toBe('completed'));
    const touches = (['setUser', 'subscribe', 'follow', 'watchTransaction'] as const).map((name) =>
      vi.spyOn(client, name),
    );
    const listeners = client.listenerCount('deposit_completed');
    const consoleError = vi.spyOn(console, 'error');
    trapBrowserGlobals();

    const html = renderToString(
      <PaymentSocketProvider client={client}>
        <Wallet transactionId={transactionId} />
      </PaymentSocketProvider>,
    );

    expect(html).toBe('<p>disconnected idle null idle null</p>');
    expect(touched).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    expect(touches.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
    expect(client.listenerCount('deposit_completed')).toBe(listeners);
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
