import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentSocketClient } from '../../src/index';
import { createPaymentNotifications, waitForDeposit } from '../../samples/paymentNotifications';
import { TestServer } from '../support/testServer';

let server: TestServer;
let client: PaymentSocketClient | undefined;

afterEach(async () => {
  client?.destroy();
  client = undefined;
  await server.close();
});

async function signedIn(userId: string) {
  server = await TestServer.start();
  let token = server.issueToken(userId);
  const asked: boolean[] = [];
  const toasts: string[] = [];
  client = createPaymentNotifications({
    url: server.url,
    getAccessToken: ({ forceRefresh }) => {
      asked.push(forceRefresh);
      if (forceRefresh) token = server.issueToken(userId);
      return token;
    },
    showToast: (message) => toasts.push(message),
  });
  return { client, asked, toasts, expireToken: () => server.expireToken(token) };
}

const connected = (c: PaymentSocketClient) =>
  vi.waitFor(() => expect(c.getState()).toMatchObject({ status: 'connected', caughtUp: true }), {
    timeout: 10_000,
  });

describe('the README client sample', { timeout: 30_000 }, () => {
  it('shows one toast per completed deposit of the signed-in user', async () => {
    const { client, toasts } = await signedIn('alice');
    client.setUser('alice');
    await connected(client);
    server.completeDeposit('alice', 'DEP_1');
    server.completeDeposit('bob', 'DEP_2');
    server.completeDeposit('alice', 'DEP_3');
    await vi.waitFor(() => expect(toasts).toHaveLength(2));
    // The deposit a replay or look-up brings again is not announced twice.
    server.completeDeposit('alice', 'DEP_1');
    server.emitWithdrawal('alice', { transactionId: 'W_1' });
    await vi.waitFor(() => expect(client.getMetrics().duplicatesDropped).toBe(1));
    expect(toasts).toEqual(['+50.000 VND', '+50.000 VND']);
  });

  it('asks for a fresh token once the server refused the old one', async () => {
    const { client, asked, expireToken } = await signedIn('alice');
    expireToken();
    client.setUser('alice');
    await connected(client);
    expect(asked).toEqual([false, true]);
  });

  it('reports what became of a deposit', async () => {
    const { client } = await signedIn('alice');
    client.setUser('alice');
    await connected(client);
    server.putTransaction('alice', { transactionId: 'DEP_1', amount: 120_000 });
    const paid = waitForDeposit(client, 'DEP_1');
    server.completeDeposit('alice', 'DEP_1');
    expect(await paid).toBe('Paid 120.000 VND');

    const declined = waitForDeposit(client, 'DEP_2');
    server.emitStatus('alice', {
      transactionId: 'DEP_2',
      status: 'cancelled',
      metadata: { reason: 'declined' },
    });
    expect(await declined).toBe('Not paid (declined)');

    expect(await waitForDeposit(client, 'DEP_3', 50)).toBe('The QR code has expired');
  });
});
