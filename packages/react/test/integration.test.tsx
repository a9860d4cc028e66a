import { useState } from 'react';
import { act, cleanup, waitFor as waitForDefault } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentSocketClient } from '@paysocket/client';
import type { DepositCompletedEvent } from '@paysocket/protocol';
import {
  useDepositListener,
  usePaymentSocket,
  useTransactionStatus,
  type UsePaymentSocketResult,
} from '@paysocket/react';
import { TestServer, type TestServerOptions } from '../../client/test/support/testServer';
import { renderWithClient } from './support/renderWithClient';

const EVENT_KINDS = [
  'deposit_completed',
  'payment_status_update',
  'withdrawal_completed',
  'error',
] as const;

// Reconnects and look-ups are real network round trips: allow for a busy machine.
const waitFor = <T,>(check: () => T) => waitForDefault(check, { timeout: 10_000 });

let server: TestServer;
let client: PaymentSocketClient;

async function start(options?: TestServerOptions) {
  server = await TestServer.start(options);
  // Each connection asks for the token of whoever the client's user is at that moment.
  client = new PaymentSocketClient({
    url: server.url,
    auth: { token: () => server.issueToken(client.getState().userId ?? 'nobody') },
    autoConnect: false,
    logger: false,
    reconnect: { initialDelayMs: 20, maxDelayMs: 100, jitter: 0 },
  });
}

function listenerCounts() {
  return EVENT_KINDS.map((name) => client.listenerCount(name));
}

async function connectedAs(userId: string) {
  await waitFor(() => {
    expect(client.getState()).toMatchObject({ userId, status: 'connected', caughtUp: true });
  });
}

beforeEach(() => start());

afterEach(async () => {
  cleanup();
  client.destroy();
  await server.close();
});

describe('hooks with a real client and Socket.IO server', { timeout: 30_000 }, () => {
  it('share one socket however many hooks mount under StrictMode, and unmount cleanly', async () => {
    const before = listenerCounts();
    const completed: DepositCompletedEvent[] = [];
    let seen: { wallet?: UsePaymentSocketResult; status?: string | null } = {};
    function Wallet() {
      const wallet = usePaymentSocket('alice');
      usePaymentSocket('alice', { onDepositCompleted: () => {} });
      useDepositListener('alice', 'tx-1', (event) => completed.push(event));
      seen = { wallet, status: useTransactionStatus('tx-1').status };
      return null;
    }
    server.putTransaction('alice', { transactionId: 'tx-1' });

    const { unmount } = renderWithClient(<Wallet />, client);
    await connectedAs('alice');

    expect(server.handshakes).toHaveLength(1);
    expect(server.socketCount()).toBe(1);
    // Two usePaymentSocket (useDepositListener and useTransactionStatus listen through the
    // transaction's observer): StrictMode's replayed effects left nothing over.
    expect(listenerCounts()).toEqual(before.map((count) => count + 2));
    expect(seen.wallet).toMatchObject({ connected: true, status: 'connected', error: null });
    await waitFor(() => expect(seen.status).toBe('pending'));

    const event = server.completeDeposit('alice', 'tx-1');
    await waitFor(() => expect(seen.status).toBe('completed'));
    expect(completed).toEqual([event]);

    unmount();
    expect(listenerCounts()).toEqual(before);
    // Unmounting never disconnects.
    expect(client.getState().status).toBe('connected');
    expect(server.socketCount('alice')).toBe(1);
  });

  it.each([
    ['replayed from the event log', {}],
    ['found by the look-up (a server with no event log)', { legacy: true }],
  ])(
    'fires onCompleted once for a completion that happened while disconnected: %s',
    async (_how, options: TestServerOptions) => {
      await server.close();
      await start(options);
      server.putTransaction('alice', { transactionId: 'tx-1' });
      const completed: DepositCompletedEvent[] = [];
      function Waiting() {
        useDepositListener('alice', 'tx-1', (event) => completed.push(event));
        return null;
      }
      renderWithClient(<Waiting />, client);
      await connectedAs('alice');
      if (!options.legacy) {
        // Gives the client a seq to resume from.
        server.emitStatus('alice', { transactionId: 'tx-1', status: 'pending' });
        await waitFor(() => expect(client.getState().lastSeq).toBe(1));
      }

      await server.stop();
      await waitFor(() => expect(client.getState().status).not.toBe('connected'));
      server.completeDeposit('alice', 'tx-1', { newBalance: 250_000 });
      expect(completed).toEqual([]);

      await server.restart();
      await connectedAs('alice');
      await waitFor(() => expect(completed).toHaveLength(1));
      expect(completed[0]).toMatchObject({ transactionId: 'tx-1', newBalance: 250_000 });

      // A second reconnect looks it up again: still once.
      server.disconnectUser('alice');
      await waitFor(() => expect(client.getState().status).toBe('idle'));
      act(() => client.connect());
      await connectedAs('alice');
      expect(completed).toHaveLength(1);
    },
  );

  it('calls onFailed once for a failure found by the look-up after a reconnect', async () => {
    await server.close();
    await start({ legacy: true });
    server.putTransaction('alice', { transactionId: 'tx-1' });
    const failed: string[] = [];
    const completed: string[] = [];
    function Waiting() {
      useDepositListener('alice', 'tx-1', (event) => completed.push(event.transactionId), {
        onFailed: (event) => failed.push(event.metadata?.reason ?? 'no reason'),
      });
      return null;
    }
    renderWithClient(<Waiting />, client);
    await connectedAs('alice');

    await server.stop();
    server.putTransaction('alice', { transactionId: 'tx-1', status: 'failed', reason: 'expired' });
    await server.restart();
    await connectedAs('alice');
    await waitFor(() => expect(failed).toEqual(['expired']));

    // Money taken must be credited: the late success of an expired deposit still arrives.
    server.completeDeposit('alice', 'tx-1');
    await waitFor(() => expect(completed).toEqual(['tx-1']));
    expect(failed).toEqual(['expired']);
  });

  it("never delivers the previous user's events to the next user's handlers", async () => {
    const received: string[] = [];
    let switchUser: (userId: string) => void = () => {};
    function Wallet() {
      const [userId, setUserId] = useState('alice');
      switchUser = setUserId;
      usePaymentSocket(userId, {
        onDepositCompleted: (event) => received.push(`${userId} got ${event.transactionId}`),
      });
      return null;
    }
    renderWithClient(<Wallet />, client);
    await connectedAs('alice');
    server.emitDeposit('alice', { transactionId: 'alice-1' });
    await waitFor(() => expect(received).toEqual(['alice got alice-1']));

    act(() => switchUser('bob'));
    await connectedAs('bob');
    expect(server.socketCount('alice')).toBe(0);
    expect(server.socketCount('bob')).toBe(1);

    server.emitDeposit('alice', { transactionId: 'alice-2' });
    server.emitDeposit('bob', { transactionId: 'bob-1' });
    await waitFor(() => expect(received).toContain('bob got bob-1'));
    expect(received).toEqual(['alice got alice-1', 'bob got bob-1']);
    const bobHandshake = server.handshakes.at(-1);
    expect(bobHandshake).toMatchObject({ userId: 'bob' });
    expect(bobHandshake?.auth).not.toHaveProperty('lastSeq');
  });

  it('signs out on a null userId: the socket closes and the hooks report idle', async () => {
    let signOut: () => void = () => {};
    let seen: UsePaymentSocketResult | undefined;
    function Wallet() {
      const [userId, setUserId] = useState<string | null>('alice');
      signOut = () => setUserId(null);
      seen = usePaymentSocket(userId);
      return null;
    }
    renderWithClient(<Wallet />, client);
    await connectedAs('alice');

    act(() => signOut());
    await waitFor(() => expect(server.socketCount()).toBe(0));
    expect(seen).toMatchObject({ connected: false, status: 'idle', error: null });
  });
});
