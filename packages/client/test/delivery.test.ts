import { describe, expect, it, vi } from 'vitest';
import {
  createClient,
  eventually,
  flush,
  record,
  startServer,
  waitCaughtUp,
  waitForStatus,
} from './support/harness';

describe('delivery', { timeout: 30_000 }, () => {
  it('delivers each event kind to its listeners, validated and typed', async () => {
    const server = await startServer();
    const token = server.issueToken('alice');
    const client = createClient(server, { auth: { token } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);

    const deposit = server.emitDeposit('alice', {
      transactionId: 'd1',
      providerTransactionId: 'm1',
    });
    const withdrawal = server.emitWithdrawal('alice', { transactionId: 'w1' });
    const status = server.emitStatus('alice', {
      transactionId: 'd2',
      status: 'failed',
      metadata: { reason: 'insufficient_funds' },
    });
    await flush(server, client, 'alice');

    expect(seen.events.deposit_completed).toEqual([deposit]);
    expect(seen.events.withdrawal_completed).toEqual([withdrawal]);
    expect(seen.events.payment_status_update).toEqual([status]);
    expect(seen.errors).toEqual([]);
    expect(client.getTransaction('d1')).toMatchObject({ status: 'completed', type: 'deposit' });
    expect(client.getTransaction('w1')).toMatchObject({ status: 'completed', type: 'withdrawal' });
    expect(client.getTransaction('d2')).toMatchObject({
      status: 'failed',
      reason: 'insufficient_funds',
      event: status,
    });
    expect(client.getState().lastSeq).toBe(3);
  });

  it('keeps each transaction apart and the same state object until it changes', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    client.setUser('alice');
    await waitCaughtUp(client);
    const watchD1 = client.watchTransaction('d1');
    const updatesD2: string[] = [];
    const watchD2 = client.watchTransaction('d2', { onUpdate: (s) => updatesD2.push(s.status) });

    server.emitStatus('alice', { transactionId: 'd1', status: 'pending' });
    server.emitDeposit('alice', { transactionId: 'd1' });
    await expect(watchD1).resolves.toMatchObject({ status: 'completed' });
    const d1 = client.getTransaction('d1');
    server.emitStatus('alice', { transactionId: 'd2', status: 'cancelled' });
    await expect(watchD2).resolves.toMatchObject({ status: 'cancelled' });

    expect(updatesD2).toEqual(['cancelled']);
    expect(client.getTransaction('d1')).toBe(d1);
    const state = client.getState();
    await flush(server, client, 'alice');
    expect(client.getTransaction('d1')).toBe(d1);
    expect(client.getState()).toBe(state);
  });

  it('delivers a completion once whether it comes by replay, look-up or live repeat', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    server.putTransaction('alice', { transactionId: 'd1' });
    const watch = client.watchTransaction('d1');

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    const completion = server.completeDeposit('alice', 'd1');
    const lookupsBefore = server.lookups.length;
    await server.restart();
    await expect(watch).resolves.toMatchObject({ status: 'completed' });
    await waitCaughtUp(client);
    const repeat = server.completeDeposit('alice', 'd1');
    await flush(server, client, 'alice');

    expect(server.lookups.slice(lookupsBefore).map((l) => l.transactionId)).toEqual(['d1']);
    expect(seen.events.deposit_completed).toHaveLength(1);
    expect(seen.events.deposit_completed[0]).toMatchObject({
      transactionId: 'd1',
      newBalance: completion.newBalance,
    });
    expect(client.getMetrics().duplicatesDropped).toBe(2);
    expect(client.getState().lastSeq).toBe(repeat.seq);
  });

  it('replays, after a reconnect, what completed while the server was down', async () => {
    const server = await startServer();
    const token = server.issueToken('alice');
    const client = createClient(server, { auth: { token } });
    const seen = record(client);
    client.setUser('alice');
    server.emitStatus('alice', { transactionId: 'd0' });
    await waitCaughtUp(client);
    expect(client.getState()).toMatchObject({ epoch: server.epoch, lastSeq: 1 });

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    const completion = server.completeDeposit('alice', 'd1');
    await server.restart();
    await eventually(() => expect(seen.events.deposit_completed).toEqual([completion]));
    await waitCaughtUp(client);

    expect(server.handshakes.at(-1)?.auth).toMatchObject({
      token,
      epoch: server.epoch,
      lastSeq: 1,
    });
    expect(seen.events.payment_status_update).toEqual([]);
    expect(client.getState().lastSeq).toBe(2);
    expect(client.getMetrics()).toMatchObject({ connects: 2, reconnects: 1 });
  });

  it('finds a missed completion by REST look-up on a backend that sends no ids', async () => {
    const server = await startServer({ legacy: true });
    const token = server.issueToken('alice');
    const client = createClient(server, { auth: { token } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    server.putTransaction('alice', { transactionId: 'd1', amount: 70_000 });
    const watch = client.watchTransaction('d1');
    await eventually(() => expect(client.getTransaction('d1')?.status).toBe('pending'));

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    server.completeDeposit('alice', 'd1', { newBalance: 170_000 });
    await server.restart();

    await expect(watch).resolves.toMatchObject({ status: 'completed' });
    await waitCaughtUp(client);
    expect(seen.events.deposit_completed).toEqual([
      {
        type: 'deposit_completed',
        transactionId: 'd1',
        amount: 70_000,
        newBalance: 170_000,
        providerTransactionId: 'momo-d1',
        message: 'Nạp tiền thành công',
        timestamp: expect.any(String),
      },
    ]);
    expect(server.lookups.at(-1)).toMatchObject({
      transactionId: 'd1',
      userId: 'alice',
      authorization: `Bearer ${token}`,
    });
    expect(client.getTransaction('d1')?.snapshot).toMatchObject({ status: 'completed' });
    expect(client.getState()).toMatchObject({ epoch: null, lastSeq: null });
  });

  it('starts over from the new log when the epoch changes', async () => {
    const server = await startServer();
    const token = server.issueToken('alice');
    const client = createClient(server, { auth: { token } });
    const seen = record(client);
    client.setUser('alice');
    for (const id of ['a', 'b', 'c']) server.emitStatus('alice', { transactionId: id });
    await waitCaughtUp(client);
    await eventually(() => expect(client.getState().lastSeq).toBe(3));
    const oldEpoch = server.epoch;

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    const newEpoch = server.changeEpoch();
    await server.restart();
    await waitCaughtUp(client);
    expect(server.handshakes.at(-1)?.auth).toMatchObject({ epoch: oldEpoch, lastSeq: 3 });
    expect(client.getState()).toMatchObject({ epoch: newEpoch, lastSeq: 0 });

    // seq 1 of the new log is news, not something already seen at seq 3 of the old one.
    const first = server.completeDeposit('alice', 'd1');
    await eventually(() => expect(seen.events.deposit_completed).toEqual([first]));
    expect(client.getState().lastSeq).toBe(1);
    client.disconnect();
    client.connect();
    await waitCaughtUp(client);
    expect(server.handshakes.at(-1)?.auth).toMatchObject({ epoch: newEpoch, lastSeq: 1 });
  });

  it('counts dropped duplicates in lastSeq', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    const first = server.emitDeposit('alice', { transactionId: 'd1' });
    const again = server.emitDeposit('alice', { transactionId: 'd1' });
    await flush(server, client, 'alice');
    expect(seen.events.deposit_completed).toEqual([first]);
    expect(client.getState().lastSeq).toBe(again.seq);
  });

  it('delivers a completion once per event kind when both kinds announce it', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    const update = server.emitStatus('alice', { transactionId: 'd1', status: 'completed' });
    const deposit = server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitStatus('alice', { transactionId: 'd1', status: 'completed' });
    server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitStatus('alice', { transactionId: 'd1', status: 'pending' });
    await flush(server, client, 'alice');
    expect(seen.events.payment_status_update).toEqual([update]);
    expect(seen.events.deposit_completed).toEqual([deposit]);
    expect(client.getTransaction('d1')).toEqual({
      transactionId: 'd1',
      status: 'completed',
      type: 'deposit',
      event: deposit,
      updatedAt: deposit.timestamp,
    });
    expect(client.getMetrics().duplicatesDropped).toBe(3);
  });

  it('de-duplicates non-terminal updates by eventId only', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    const pending = server.emitStatus('alice', { transactionId: 'd1', message: 'QR opened' });
    server.emitRaw('alice', 'payment_status_update:v1', pending, { ids: false });
    const other = server.emitStatus('alice', { transactionId: 'd1', message: 'still waiting' });
    await flush(server, client, 'alice');
    expect(seen.events.payment_status_update).toEqual([pending, other]);
    expect(client.getTransaction('d1')?.event).toEqual(other);
  });

  it('never lets a final status regress, but accepts the late success of an expired deposit', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);

    server.emitDeposit('alice', { transactionId: 'done' });
    server.emitStatus('alice', { transactionId: 'done', status: 'pending' });
    server.emitStatus('alice', { transactionId: 'done', status: 'failed' });
    server.emitStatus('alice', {
      transactionId: 'broke',
      status: 'failed',
      metadata: { reason: 'insufficient_funds' },
    });
    server.emitDeposit('alice', { transactionId: 'broke' });
    const expired = server.emitStatus('alice', {
      transactionId: 'late',
      status: 'failed',
      metadata: { reason: 'expired' },
    });
    const late = server.emitDeposit('alice', { transactionId: 'late' });
    const cancelled = server.emitStatus('alice', {
      transactionId: 'mine',
      status: 'cancelled',
      metadata: { reason: 'user_cancelled' },
    });
    const paidAnyway = server.emitDeposit('alice', { transactionId: 'mine' });
    server.emitStatus('alice', { transactionId: 'late', status: 'failed' });
    await flush(server, client, 'alice');

    expect(client.getTransaction('done')?.status).toBe('completed');
    expect(client.getTransaction('broke')).toMatchObject({ status: 'failed' });
    expect(client.getTransaction('late')).toMatchObject({ status: 'completed', event: late });
    expect(client.getTransaction('mine')).toMatchObject({ status: 'completed' });
    expect(seen.events.deposit_completed.map((e) => e.transactionId)).toEqual([
      'done',
      'late',
      'mine',
    ]);
    expect(seen.events.payment_status_update).toEqual([
      seen.events.payment_status_update[0],
      expired,
      cancelled,
    ]);
    expect(seen.events.payment_status_update[0]?.transactionId).toBe('broke');
    expect(seen.events.deposit_completed[2]).toEqual(paidAnyway);
    expect(client.getMetrics().duplicatesDropped).toBe(4);
  });

  it('reports malformed payloads as INVALID_EVENT and ignores unknown versions', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);

    server.emitRaw('alice', 'deposit_completed:v1', {
      type: 'deposit_completed',
      transactionId: 'd1',
      amount: 10.5,
      newBalance: 1,
      message: 'x',
      timestamp: new Date().toISOString(),
    });
    server.emitRaw('alice', 'payment_status_update:v1', { transactionId: 'd2' });
    server.emitRaw('alice', 'withdrawal_completed:v1', 'not an object');
    server.emitDeposit('alice', { transactionId: 'd3', timestamp: 'yesterday-ish' });
    server.emitRaw('alice', 'deposit_completed:v2', { transactionId: 'd4', whatever: true });
    server.emitRaw('alice', 'something_else:v1', {});
    const valid = server.emitDeposit('alice', { transactionId: 'd5' });
    await flush(server, client, 'alice');

    expect(seen.events.deposit_completed).toEqual([valid]);
    expect(seen.events.payment_status_update).toEqual([]);
    expect(seen.events.withdrawal_completed).toEqual([]);
    expect(seen.errors.map((e) => [e.code, e.event])).toEqual([
      ['INVALID_EVENT', 'deposit_completed:v1'],
      ['INVALID_EVENT', 'payment_status_update:v1'],
      ['INVALID_EVENT', 'withdrawal_completed:v1'],
      ['INVALID_EVENT', 'deposit_completed:v1'],
    ]);
    expect(seen.errors.map((e) => e.transactionId)).toEqual(['d1', 'd2', undefined, 'd3']);
    expect(seen.errors[0]?.message).toMatch(/amount/);
    expect(seen.errors[3]?.message).toMatch(/timestamp/);
    for (const id of ['d1', 'd2', 'd3', 'd4']) expect(client.getTransaction(id)).toBeUndefined();
    expect(client.getMetrics()).toMatchObject({ eventsRejected: 4 });
    // A valid-looking but rejected event does not move lastSeq; the valid one after it does.
    expect(client.getState().lastSeq).toBe(valid.seq);
  });

  it('reports an invalid session:v1 with its schema issue and keeps its own bookkeeping', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    server.emitStatus('alice', { transactionId: 'd0' });
    await waitCaughtUp(client);
    const before = client.getState();
    server.emitRaw(
      'alice',
      'session:v1',
      { userId: 'alice', epoch: 'other', lastSeq: -1, gap: true, serverTime: server.now() },
      { ids: false },
    );
    await flush(server, client, 'alice');
    expect(seen.errors).toHaveLength(1);
    expect(seen.errors[0]).toMatchObject({ code: 'INVALID_EVENT', event: 'session:v1' });
    expect(seen.errors[0]?.message).toMatch(/lastSeq/);
    expect(client.getState()).toMatchObject({ epoch: before.epoch, lastSeq: before.lastSeq });
  });

  it('looks watched transactions up again when session:v1 reports a gap', async () => {
    const server = await startServer({ logLimit: 1 });
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    server.putTransaction('alice', { transactionId: 'd1' });
    server.putTransaction('alice', { transactionId: 'd2', type: 'withdrawal' });
    void client.watchTransaction('d1');
    void client.watchTransaction('d2');
    await eventually(() => expect(client.getTransaction('d2')?.status).toBe('pending'));

    client.disconnect();
    server.completeDeposit('alice', 'd1');
    server.putTransaction('alice', {
      transactionId: 'd2',
      status: 'completed',
      newBalance: 30_000,
    });
    server.emitWithdrawal('alice', { transactionId: 'd2', newBalance: 30_000 });
    client.connect();
    await waitCaughtUp(client);

    expect(seen.events.deposit_completed.map((e) => e.transactionId)).toEqual(['d1']);
    expect(seen.events.withdrawal_completed).toHaveLength(1);
    expect(client.getMetrics().catchUps).toBeGreaterThanOrEqual(3);
  });

  it('holds live events during a slow replay and delivers each once, in order', async () => {
    const server = await startServer({ replayDelayMs: 80 });
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await eventually(() => expect(client.getState().epoch).toBe(server.epoch));
    client.disconnect();
    const missed = server.emitDeposit('alice', { transactionId: 'd1' });
    client.connect();
    await waitForStatus(client, 'connected');
    await eventually(() => expect(server.socketCount('alice')).toBe(1));
    const during = server.emitDeposit('alice', { transactionId: 'd2' });
    await waitCaughtUp(client);
    await flush(server, client, 'alice');
    expect(seen.events.deposit_completed).toEqual([missed, during]);
    expect(client.getState().lastSeq).toBe(2);
  });

  it('measures latency on the server clock, live events only', async () => {
    const server = await startServer({ clockOffsetMs: -60_000 });
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    client.setUser('alice');
    await waitCaughtUp(client);
    expect(client.getState().serverTimeOffsetMs).toBeLessThan(-59_000);
    for (let i = 0; i < 20; i++) server.emitDeposit('alice', { transactionId: `d${i}` });
    await flush(server, client, 'alice');
    const { latency, eventsReceived } = client.getMetrics();
    expect(eventsReceived).toBe(21);
    expect(latency.count).toBe(21);
    // Uncorrected, the server's clock a minute behind would add a minute to every sample.
    expect(latency.p50).toBeGreaterThanOrEqual(0);
    expect(latency.p95).toBeLessThan(20_000);
  });

  it('drops the last event from a state a look-up moved on without one', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    client.setUser('alice');
    await waitCaughtUp(client);
    server.putTransaction('alice', { transactionId: 'd1', status: 'failed', reason: 'expired' });
    client.follow('d1');
    server.emitStatus('alice', {
      transactionId: 'd1',
      status: 'failed',
      metadata: { reason: 'expired' },
    });
    await eventually(() => expect(client.getTransaction('d1')?.event).toBeDefined());

    client.disconnect();
    // Paid after all, but this backend's snapshot lacks the new balance a completion needs.
    server.putTransaction('alice', { transactionId: 'd1', status: 'completed', reason: undefined });
    client.connect();
    await waitCaughtUp(client);

    const state = client.getTransaction('d1');
    expect(state).toMatchObject({ status: 'completed', snapshot: { status: 'completed' } });
    expect(state?.event).toBeUndefined();
    expect(state?.reason).toBeUndefined();
  });

  it('keeps the same transaction state when a look-up finds nothing new', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    client.setUser('alice');
    await waitCaughtUp(client);
    server.putTransaction('alice', { transactionId: 'd1' });
    const updates: string[] = [];
    void client.watchTransaction('d1', { onUpdate: (s) => updates.push(s.status) });
    await eventually(() => expect(client.getTransaction('d1')?.status).toBe('pending'));
    const state = client.getTransaction('d1');

    const lookups = server.lookups.length;
    client.disconnect();
    client.connect();
    await waitCaughtUp(client);
    expect(server.lookups.length).toBe(lookups + 1);
    expect(client.getTransaction('d1')).toBe(state);
    expect(updates).toEqual(['pending']);
  });

  it('never delivers a watched completion twice, however much else passes through', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    client.follow('d1');
    server.emitDeposit('alice', { transactionId: 'd1' });
    for (let i = 0; i < 2100; i++) server.emitStatus('alice', { transactionId: `other-${i % 50}` });
    server.emitDeposit('alice', { transactionId: 'd1' });
    await flush(server, client, 'alice');
    expect(seen.events.payment_status_update).toHaveLength(2100);
    expect(seen.events.deposit_completed.map((e) => e.transactionId)).toEqual(['d1']);
  });

  it('keeps delivering when application code throws', async () => {
    const server = await startServer();
    const logged = vi.fn();
    const client = createClient(server, {
      auth: { token: server.issueToken('alice') },
      logger: { debug() {}, info() {}, warn() {}, error: logged },
    });
    client.on('deposit_completed', () => {
      throw new Error('listener bug');
    });
    client.subscribe(() => {
      throw new Error('subscriber bug');
    });
    const seen = record(client);
    const watch = client.watchTransaction('d1', {
      onUpdate: () => {
        throw new Error('onUpdate bug');
      },
    });
    client.setUser('alice');
    await waitCaughtUp(client);
    const completion = server.emitDeposit('alice', { transactionId: 'd1' });
    await expect(watch).resolves.toMatchObject({ status: 'completed', event: completion });
    expect(seen.events.deposit_completed).toEqual([completion]);
    expect(logged).toHaveBeenCalledWith('paysocket: a listener threw', new Error('listener bug'));
    expect(logged).toHaveBeenCalledWith('paysocket: a listener threw', new Error('onUpdate bug'));
  });
});
