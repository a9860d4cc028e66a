import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentSocketClient, type TransactionObserverSnapshot } from '../../src/index';
import { showDepositStatus } from '../../samples/depositStatus';
import { TestServer } from '../support/testServer';

let server: TestServer;
let client: PaymentSocketClient | undefined;

afterEach(async () => {
  client?.destroy();
  client = undefined;
  await server.close();
});

async function connectedAs(userId: string): Promise<PaymentSocketClient> {
  server = await TestServer.start();
  const c = new PaymentSocketClient({
    url: server.url,
    auth: { token: () => server.issueToken(userId) },
    logger: false,
  });
  client = c;
  c.setUser(userId);
  await vi.waitFor(
    () => expect(c.getState()).toMatchObject({ status: 'connected', caughtUp: true }),
    { timeout: 10_000 },
  );
  return c;
}

function view() {
  const statuses: TransactionObserverSnapshot['status'][] = [];
  const paid: number[] = [];
  return {
    statuses,
    paid,
    render: (snapshot: TransactionObserverSnapshot) => statuses.push(snapshot.status),
    onPaid: (newBalance: number) => paid.push(newBalance),
  };
}

describe('the README observer sample', { timeout: 30_000 }, () => {
  it('renders a deposit until it is paid and reports the payment once', async () => {
    const c = await connectedAs('alice');
    const v = view();
    const stop = showDepositStatus(c, 'DEP_1', new Date(Date.now() + 60_000), v);
    server.emitStatus('alice', { transactionId: 'DEP_1', status: 'pending' });
    await vi.waitFor(() => expect(v.statuses).toContain('pending'));
    server.completeDeposit('alice', 'DEP_1', { newBalance: 250_000 });
    server.completeDeposit('alice', 'DEP_1', { newBalance: 250_000 });
    await vi.waitFor(() => expect(c.getMetrics().duplicatesDropped).toBe(1));
    expect(v.paid).toEqual([250_000]);
    expect(v.statuses.at(-1)).toBe('completed');
    stop();
  });

  it('looks the deposit up at expiry and reports a payment nobody announced', async () => {
    const c = await connectedAs('alice');
    const v = view();
    const stop = showDepositStatus(c, 'DEP_2', new Date(Date.now() + 300), v);
    // Paid on the server's side, but the event never reached this socket.
    server.putTransaction('alice', {
      transactionId: 'DEP_2',
      status: 'completed',
      newBalance: 180_000,
      providerTransactionId: 'momo-1',
      message: 'Nạp tiền thành công',
    });
    await vi.waitFor(() => expect(v.paid).toEqual([180_000]), { timeout: 10_000 });
    expect(v.statuses.at(-1)).toBe('completed');
    stop();
  });

  it('stops rendering and following once stopped', async () => {
    const c = await connectedAs('alice');
    const v = view();
    const stop = showDepositStatus(c, 'DEP_3', new Date(Date.now() + 60_000), v);
    stop();
    const rendered = v.statuses.length;
    server.completeDeposit('alice', 'DEP_3');
    await vi.waitFor(() => expect(c.getTransaction('DEP_3')?.status).toBe('completed'));
    expect(v.statuses).toHaveLength(rendered);
    expect(v.paid).toEqual([]);
  });
});
