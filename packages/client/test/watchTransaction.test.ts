import { describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { PaymentSocketClient } from '../src/PaymentSocketClient';
import type { WatchResult } from '../src/types';
import {
  createClient,
  eventually,
  flush,
  record,
  startServer,
  waitCaughtUp,
} from './support/harness';

async function connectedClient(options: Parameters<typeof createClient>[1] = {}) {
  const server = await startServer();
  const client = createClient(server, { auth: { token: server.issueToken('alice') }, ...options });
  client.setUser('alice');
  await waitCaughtUp(client);
  return { server, client };
}

describe('watchTransaction', { timeout: 30_000 }, () => {
  it('settles once with the completion, calling onUpdate on every change', async () => {
    const { server, client } = await connectedClient();
    const updates: string[] = [];
    const settled = vi.fn();
    const watch = client.watchTransaction('d1', { onUpdate: (s) => updates.push(s.status) });
    void watch.then(settled);
    server.emitStatus('alice', { transactionId: 'd1', status: 'pending' });
    const completion = server.emitDeposit('alice', { transactionId: 'd1' });
    await expect(watch).resolves.toEqual({
      status: 'completed',
      event: completion,
      reason: undefined,
    });
    watch.cancel();
    server.emitStatus('alice', { transactionId: 'd1', status: 'failed' });
    await flush(server, client, 'alice');
    expect(updates).toEqual(['pending', 'completed']);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('settles failed and cancelled with their reason', async () => {
    const { server, client } = await connectedClient();
    const failed = client.watchTransaction('d1');
    const cancelled = client.watchTransaction('d2');
    server.emitStatus('alice', {
      transactionId: 'd1',
      status: 'failed',
      metadata: { reason: 'expired' },
    });
    server.emitStatus('alice', {
      transactionId: 'd2',
      status: 'cancelled',
      metadata: { reason: 'declined' },
    });
    await expect(failed).resolves.toMatchObject({ status: 'failed', reason: 'expired' });
    await expect(cancelled).resolves.toMatchObject({ status: 'cancelled', reason: 'declined' });
  });

  it('settles at once for a transaction already in a terminal state', async () => {
    const { server, client } = await connectedClient();
    server.emitWithdrawal('alice', { transactionId: 'w1' });
    await eventually(() => expect(client.getTransaction('w1')).toBeDefined());
    const result = await client.watchTransaction('w1', { timeoutMs: 10_000 });
    expect(result.status).toBe('completed');
  });

  it('times out, and cancel / abort signal settle it aborted', async () => {
    const { client } = await connectedClient();
    await expect(client.watchTransaction('d1', { timeoutMs: 20 })).resolves.toEqual({
      status: 'timeout',
    });

    const cancelled = client.watchTransaction('d2');
    cancelled.cancel();
    cancelled.cancel();
    await expect(cancelled).resolves.toEqual({ status: 'aborted' });

    const controller = new AbortController();
    const signalled = client.watchTransaction('d3', { signal: controller.signal });
    controller.abort();
    await expect(signalled).resolves.toEqual({ status: 'aborted' });
    await expect(client.watchTransaction('d4', { signal: AbortSignal.abort() })).resolves.toEqual({
      status: 'aborted',
    });
  });

  it('waits out a timeout beyond what one timer can hold, and Infinity as none', async () => {
    const { server, client } = await connectedClient();
    const forever = client.watchTransaction('d1', { timeoutMs: Infinity });
    const month = client.watchTransaction('d2', { timeoutMs: 30 * 24 * 3600_000 });
    // A timer past 2^31-1 ms would fire at once: give it the time to.
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitDeposit('alice', { transactionId: 'd2' });
    await expect(forever).resolves.toMatchObject({ status: 'completed' });
    await expect(month).resolves.toMatchObject({ status: 'completed' });
  });

  it('refuses a negative or NaN timeout and watches nothing', async () => {
    const { client } = await connectedClient();
    for (const timeoutMs of [-1, Number.NaN]) {
      expect(() => client.watchTransaction('d1', { timeoutMs })).toThrow(RangeError);
    }
    expect(client.getTransaction('d1')).toBeUndefined();
    const watch = client.watchTransaction('d1', { timeoutMs: 0 });
    await expect(watch).resolves.toEqual({ status: 'timeout' });
  });

  it('waits without a timeout until it is settled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const client = new PaymentSocketClient({
        url: 'http://127.0.0.1:9',
        autoConnect: false,
        logger: false,
      });
      const results: WatchResult[] = [];
      void client.watchTransaction('d1').then((r) => results.push(r));
      await vi.advanceTimersByTimeAsync(24 * 3600_000);
      expect(results).toEqual([]);
      client.destroy();
      await vi.advanceTimersByTimeAsync(0);
      expect(results).toEqual([{ status: 'aborted' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('looks up a transaction when watching starts while connected', async () => {
    const lookups: string[] = [];
    const snapshot: TransactionSnapshot = {
      transactionId: 'd1',
      type: 'deposit',
      status: 'failed',
      reason: 'expired',
      amount: 10_000,
      message: 'Hết hạn',
      createdAt: '2026-11-26T10:00:00.000Z',
      updatedAt: '2026-11-26T10:15:00.000Z',
    };
    const { client } = await connectedClient({
      lookupTransaction: async (id) => {
        lookups.push(id);
        return id === 'd1' ? snapshot : null;
      },
    });
    const seen = record(client);
    await expect(client.watchTransaction('d1')).resolves.toEqual({
      status: 'failed',
      reason: 'expired',
      event: expect.objectContaining({ type: 'payment_status_update', status: 'failed' }),
    });
    expect(seen.events.payment_status_update).toHaveLength(1);
    await expect(client.watchTransaction('nope', { timeoutMs: 30 })).resolves.toEqual({
      status: 'timeout',
    });
    expect(lookups).toEqual(['d1', 'nope']);
    expect(client.getTransaction('nope')).toBeUndefined();
  });

  it('keeps following a deposit that a late success can still complete', async () => {
    const { server, client } = await connectedClient();
    server.putTransaction('alice', {
      transactionId: 'd1',
      status: 'failed',
      reason: 'expired',
    });
    const stop = client.follow('d1');
    await eventually(() => expect(client.getTransaction('d1')?.reason).toBe('expired'));
    await server.stop();
    server.completeDeposit('alice', 'd1', { ids: false });
    await server.restart();
    await eventually(() => expect(client.getTransaction('d1')?.status).toBe('completed'));
    stop();
    stop();
  });

  it('refuses a look-up answer about another transaction', async () => {
    const { client } = await connectedClient({
      lookupTransaction: async () => ({
        transactionId: 'd9',
        type: 'deposit',
        status: 'completed',
        amount: 10_000,
        newBalance: 20_000,
        message: 'ok',
        createdAt: '2026-11-26T10:00:00.000Z',
        updatedAt: '2026-11-26T10:01:00.000Z',
      }),
    });
    const seen = record(client);
    const watch = client.watchTransaction('d1');
    await eventually(() => expect(seen.errors.map((e) => e.code)).toEqual(['LOOKUP_FAILED']));
    expect(seen.errors[0]?.transactionId).toBe('d1');
    expect(client.getTransaction('d9')).toBeUndefined();
    expect(seen.events.deposit_completed).toEqual([]);
    watch.cancel();
  });

  it('ignores a look-up answer or failure for the previous user after a switch', async () => {
    const server = await startServer();
    const tokens = { alice: server.issueToken('alice'), bob: server.issueToken('bob') };
    let user: 'alice' | 'bob' = 'alice';
    const answers: ((snapshot: TransactionSnapshot | Error) => void)[] = [];
    const client = createClient(server, {
      auth: { token: () => tokens[user] },
      lookupTransaction: (id) =>
        new Promise((resolve, reject) =>
          answers.push((answer) =>
            answer instanceof Error ? reject(answer) : resolve({ ...answer, transactionId: id }),
          ),
        ),
    });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    void client.watchTransaction('a1');
    void client.watchTransaction('a2');
    await eventually(() => expect(answers).toHaveLength(2));

    user = 'bob';
    client.setUser('bob');
    await waitCaughtUp(client);
    answers[0]?.({
      transactionId: 'a1',
      type: 'deposit',
      status: 'completed',
      amount: 10_000,
      newBalance: 20_000,
      message: 'ok',
      createdAt: '2026-11-26T10:00:00.000Z',
      updatedAt: '2026-11-26T10:01:00.000Z',
    });
    answers[1]?.(new Error('HTTP 500'));
    await flush(server, client, 'bob');
    expect(client.getTransaction('a1')).toBeUndefined();
    expect(seen.events.deposit_completed).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('reports a failed look-up as LOOKUP_FAILED and keeps waiting', async () => {
    const { server, client } = await connectedClient();
    const seen = record(client);
    server.lookupFailureStatus = 500;
    const watch = client.watchTransaction('d1');
    await eventually(() => expect(seen.errors.map((e) => e.code)).toEqual(['LOOKUP_FAILED']));
    expect(seen.errors[0]?.transactionId).toBe('d1');
    server.emitDeposit('alice', { transactionId: 'd1' });
    await expect(watch).resolves.toMatchObject({ status: 'completed' });
  });
});
