import { describe, expect, it, vi } from 'vitest';
import type { TransactionObserverSnapshot, TransactionOutcome } from '../src/types';
import {
  createClient,
  eventually,
  flush,
  record,
  startServer,
  waitCaughtUp,
  waitForStatus,
} from './support/harness';

async function signedIn() {
  const server = await startServer();
  const token = server.issueToken('alice');
  const client = createClient(server, { auth: { token } });
  client.setUser('alice');
  await waitCaughtUp(client);
  return { server, client, token };
}

const lookupsOf = (server: { lookups: { transactionId: string }[] }, id: string) =>
  server.lookups.filter((l) => l.transactionId === id).length;

describe('observe', { timeout: 30_000 }, () => {
  it('gives one shared observer per transaction', async () => {
    const { client } = await signedIn();
    const tx = client.observe('d1');
    expect(client.observe('d1')).toBe(tx);
    expect(client.observe('d2')).not.toBe(tx);
    expect(tx.transactionId).toBe('d1');
    expect(tx.getSnapshot()).toEqual({ status: 'unknown' });
  });

  it('follows while it has listeners: looked up on the first, after reconnects, not after the last', async () => {
    const { server, client } = await signedIn();
    server.putTransaction('alice', { transactionId: 'd1' });
    const tx = client.observe('d1');
    await flush(server, client, 'alice');
    expect(lookupsOf(server, 'd1')).toBe(0);

    const offA = tx.subscribe(() => {});
    const offB = tx.onOutcome(() => {});
    await eventually(() => expect(tx.getSnapshot().status).toBe('pending'));
    expect(lookupsOf(server, 'd1')).toBe(1);

    client.disconnect();
    client.connect();
    await waitCaughtUp(client);
    expect(lookupsOf(server, 'd1')).toBe(2);

    offA();
    offA();
    client.disconnect();
    client.connect();
    await waitCaughtUp(client);
    expect(lookupsOf(server, 'd1')).toBe(3);

    offB();
    client.disconnect();
    client.connect();
    await waitCaughtUp(client);
    expect(lookupsOf(server, 'd1')).toBe(3);
  });

  it('folds every event kind into one snapshot that keeps its identity until it changes', async () => {
    const { server, client } = await signedIn();
    const tx = client.observe('d1');
    const seen: TransactionObserverSnapshot[] = [];
    tx.subscribe(() => seen.push(tx.getSnapshot()));
    const pending = server.emitStatus('alice', { transactionId: 'd1', status: 'pending' });
    await eventually(() => expect(tx.getSnapshot().status).toBe('pending'));
    const first = tx.getSnapshot();
    server.emitDeposit('alice', { transactionId: 'other' });
    await flush(server, client, 'alice');
    expect(tx.getSnapshot()).toBe(first);
    expect(first).toEqual({ status: 'pending', event: pending, updatedAt: pending.timestamp });

    const completion = server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitStatus('alice', { transactionId: 'd1', status: 'failed' });
    await flush(server, client, 'alice');
    expect(tx.getSnapshot()).toEqual({
      status: 'completed',
      event: completion,
      updatedAt: completion.timestamp,
    });
    expect(seen).toEqual([first, tx.getSnapshot()]);
  });

  it('tells each outcome listener each outcome once, also one added after it happened', async () => {
    const { server, client } = await signedIn();
    const tx = client.observe('d1');
    const early: TransactionOutcome[] = [];
    tx.onOutcome((outcome) => early.push(outcome));
    const expired = server.emitStatus('alice', {
      transactionId: 'd1',
      status: 'failed',
      metadata: { reason: 'expired' },
    });
    await eventually(() => expect(early).toHaveLength(1));
    expect(early[0]).toMatchObject({ status: 'failed', reason: 'expired', event: expired });

    const late = server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitDeposit('alice', { transactionId: 'd1' });
    await flush(server, client, 'alice');
    expect(early.map((o) => o.status)).toEqual(['failed', 'completed']);
    expect(early[1]?.event).toEqual(late);

    const afterwards = vi.fn();
    tx.onOutcome(afterwards);
    expect(afterwards).toHaveBeenCalledTimes(1);
    expect(afterwards).toHaveBeenCalledWith(tx.getSnapshot());
  });

  it('does not tell the same listener again when it is removed and added back (an effect run twice)', async () => {
    const { server, client } = await signedIn();
    server.completeDeposit('alice', 'd1');
    const tx = client.observe('d1');
    await eventually(() => expect(tx.getSnapshot().status).toBe('completed'));
    const listener = vi.fn();
    const off = tx.onOutcome(listener);
    off();
    const offAgain = tx.onOutcome(listener);
    expect(listener).toHaveBeenCalledTimes(1);
    offAgain();
    const other = vi.fn();
    tx.onOutcome(other);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('turns a completed deposit found by look-up into a DepositCompletedEvent, delivered once', async () => {
    const server = await startServer({ legacy: true });
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    server.putTransaction('alice', { transactionId: 'd1', amount: 70_000 });
    const tx = client.observe('d1');
    const outcomes: TransactionOutcome[] = [];
    tx.onOutcome((outcome) => outcomes.push(outcome));
    await eventually(() => expect(tx.getSnapshot().status).toBe('pending'));

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    server.completeDeposit('alice', 'd1', { newBalance: 170_000 });
    await server.restart();
    await eventually(() => expect(outcomes).toHaveLength(1));
    await tx.refresh();

    const event = {
      type: 'deposit_completed',
      transactionId: 'd1',
      amount: 70_000,
      newBalance: 170_000,
      providerTransactionId: 'momo-d1',
      message: 'Nạp tiền thành công',
      timestamp: expect.any(String),
    };
    expect(outcomes).toEqual([{ status: 'completed', event, updatedAt: expect.any(String) }]);
    expect(seen.events.deposit_completed).toEqual([event]);
  });

  it('holds a failed look-up of its own transaction as its error until a look-up succeeds', async () => {
    const { server, client } = await signedIn();
    server.putTransaction('alice', { transactionId: 'd1' });
    const tx = client.observe('d1');
    const other = client.observe('d2');
    tx.subscribe(() => {});
    other.subscribe(() => {});
    await eventually(() => expect(tx.getSnapshot().status).toBe('pending'));

    server.lookupFailureStatus = 500;
    const failed = await tx.refresh();
    expect(failed.status).toBe('pending');
    expect(failed.error).toMatchObject({ code: 'LOOKUP_FAILED', transactionId: 'd1' });
    expect(other.getSnapshot()).toEqual({ status: 'unknown' });
    expect(tx.getSnapshot()).toBe(failed);

    server.lookupFailureStatus = null;
    const recovered = await tx.refresh();
    expect(recovered).toMatchObject({ status: 'pending' });
    expect(recovered.error).toBeUndefined();
  });

  it('clears its error when the state changes', async () => {
    const { server, client } = await signedIn();
    server.lookupFailureStatus = 500;
    const tx = client.observe('d1');
    tx.subscribe(() => {});
    await eventually(() => expect(tx.getSnapshot().error?.code).toBe('LOOKUP_FAILED'));
    server.emitDeposit('alice', { transactionId: 'd1' });
    await eventually(() => expect(tx.getSnapshot().status).toBe('completed'));
    expect(tx.getSnapshot().error).toBeUndefined();
  });

  it('takes a refused event about its transaction as its error, and survives throwing listeners', async () => {
    const server = await startServer();
    const logged = vi.fn();
    const client = createClient(server, {
      auth: { token: server.issueToken('alice') },
      logger: { debug() {}, info() {}, warn() {}, error: logged },
    });
    client.setUser('alice');
    await waitCaughtUp(client);
    const tx = client.observe('d1');
    tx.subscribe(() => {
      throw new Error('subscriber bug');
    });
    tx.onOutcome(() => {
      throw new Error('outcome bug');
    });
    const told = vi.fn();
    tx.onOutcome(told);
    // The look-up that following starts must be answered first, or its answer clears the error.
    await tx.refresh();
    server.emitRaw('alice', 'deposit_completed:v1', { transactionId: 'd1', amount: -1 });
    await eventually(() => expect(tx.getSnapshot().error?.code).toBe('INVALID_EVENT'));
    server.emitDeposit('alice', { transactionId: 'd1' });
    await eventually(() => expect(told).toHaveBeenCalledTimes(1));
    expect(logged).toHaveBeenCalledWith('paysocket: a listener threw', new Error('outcome bug'));
    expect(logged).toHaveBeenCalledWith('paysocket: a listener threw', new Error('subscriber bug'));
  });

  it('refreshes on demand, sharing one request between concurrent calls, also offline', async () => {
    const { server, client } = await signedIn();
    server.putTransaction('alice', { transactionId: 'd1' });
    const tx = client.observe('d1');
    const before = lookupsOf(server, 'd1');
    const [a, b] = await Promise.all([tx.refresh(), tx.refresh()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ status: 'pending' });
    expect(lookupsOf(server, 'd1')).toBe(before + 1);

    client.disconnect();
    server.completeDeposit('alice', 'd1', { newBalance: 90_000 });
    const done = await client.refreshTransaction('d1');
    expect(done).toMatchObject({ status: 'completed', event: { newBalance: 90_000 } });
    expect(tx.getSnapshot()).toBe(done);
    expect(lookupsOf(server, 'd1')).toBe(before + 2);
  });

  it('resolves the unchanged snapshot for a transaction the server does not know', async () => {
    const { server, client } = await signedIn();
    await expect(client.refreshTransaction('nope')).resolves.toEqual({ status: 'unknown' });
    expect(lookupsOf(server, 'nope')).toBe(1);
  });

  it('keeps the last snapshot over a user switch, and ignores an answer for the previous user', async () => {
    const server = await startServer();
    const tokens = { alice: server.issueToken('alice'), bob: server.issueToken('bob') };
    let user: 'alice' | 'bob' = 'alice';
    const client = createClient(server, { auth: { token: () => tokens[user] } });
    client.setUser('alice');
    await waitCaughtUp(client);
    server.completeDeposit('alice', 'd1');
    const tx = client.observe('d1');
    tx.subscribe(() => {});
    await eventually(() => expect(tx.getSnapshot().status).toBe('completed'));
    const shown = tx.getSnapshot();

    server.putTransaction('alice', { transactionId: 'd2' });
    const pendingRefresh = client.refreshTransaction('d2');
    user = 'bob';
    client.setUser('bob');
    await expect(pendingRefresh).resolves.toEqual({ status: 'unknown' });
    await waitCaughtUp(client);
    expect(client.getTransaction('d1')).toBeUndefined();
    expect(tx.getSnapshot()).toBe(shown);
    expect(client.getTransaction('d2')).toBeUndefined();
  });

  it('is what follow() and watchTransaction() hold, and destroy() lets every listener go', async () => {
    const { server, client } = await signedIn();
    server.putTransaction('alice', { transactionId: 'd1' });
    const stop = client.follow('d1');
    await eventually(() => expect(client.observe('d1').getSnapshot().status).toBe('pending'));
    stop();
    const watch = client.watchTransaction('d1');
    const listener = vi.fn();
    client.observe('d1').subscribe(listener);
    client.destroy();
    await expect(watch).resolves.toEqual({ status: 'aborted' });
    server.emitDeposit('alice', { transactionId: 'd1' });
    await expect(client.refreshTransaction('d1')).resolves.toMatchObject({ status: 'pending' });
    expect(listener).not.toHaveBeenCalled();
  });
});
