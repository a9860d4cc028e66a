import { describe, expect, it } from 'vitest';
import {
  createClient,
  eventually,
  flush,
  record,
  startServer,
  waitCaughtUp,
  waitForStatus,
} from './support/harness';

/** Long enough that a retry (20 ms backoff in these tests) would have happened several times. */
const RETRY_WINDOW_MS = 300;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('USER_MISMATCH', { timeout: 30_000 }, () => {
  it("stops in unauthorized when alice's token connects a client set to bob, delivering nothing", async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('bob');
    await waitForStatus(client, 'unauthorized');

    expect(seen.errors.map((e) => e.code)).toEqual(['USER_MISMATCH']);
    expect(seen.errors[0]?.message).toMatch(/alice.*bob/);
    expect(client.getState()).toMatchObject({ userId: 'bob', caughtUp: false });
    expect(client.getState().lastError?.code).toBe('USER_MISMATCH');
    await eventually(() => expect(server.socketCount('alice')).toBe(0));

    server.emitDeposit('alice', { transactionId: 'd1' });
    await pause(RETRY_WINDOW_MS);
    expect(server.handshakes).toHaveLength(1);
    expect(seen.events.deposit_completed).toEqual([]);
    expect(client.getTransaction('d1')).toBeUndefined();
    expect(seen.statuses).toEqual(['connecting', 'connected', 'unauthorized']);
  });

  it('holds events that arrive before session:v1 and drops them when it names another user', async () => {
    // Live events during the slow replay reach the client before session:v1.
    const server = await startServer({ replayDelayMs: 150 });
    const alice = server.issueToken('alice');
    const client = createClient(server, { auth: { token: alice } });
    const seen = record(client);
    client.setUser('alice');
    await eventually(() => expect(client.getState().epoch).toBe(server.epoch));

    // A stale token: the app switched to bob, the token provider still answers alice's.
    client.setUser('bob');
    await eventually(() => expect(server.handshakes).toHaveLength(2));
    await eventually(() => expect(server.socketCount('alice')).toBe(1));
    server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitStatus('alice', { transactionId: 'd2', status: 'failed' });
    await waitForStatus(client, 'unauthorized');

    await pause(RETRY_WINDOW_MS);
    expect(seen.events).toEqual({
      deposit_completed: [],
      withdrawal_completed: [],
      payment_status_update: [],
    });
    expect(client.getTransaction('d1')).toBeUndefined();
    expect(client.getMetrics().eventsReceived).toBe(0);
    expect(seen.errors.map((e) => e.code)).toEqual(['USER_MISMATCH']);
    expect(server.handshakes).toHaveLength(2);
    expect(server.socketCount()).toBe(0);
  });

  it('delivers the held events once session:v1 names the right user', async () => {
    const server = await startServer({ replayDelayMs: 150 });
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await eventually(() => expect(client.getState().epoch).toBe(server.epoch));

    client.disconnect();
    client.connect();
    await eventually(() => expect(server.handshakes).toHaveLength(2));
    await eventually(() => expect(server.socketCount('alice')).toBe(1));
    const held = server.emitDeposit('alice', { transactionId: 'd1' });
    await waitCaughtUp(client);
    await flush(server, client, 'alice');
    expect(seen.events.deposit_completed).toEqual([held]);
    expect(seen.errors).toEqual([]);
    expect(client.getState().lastSeq).toBe(held.seq);
  });

  it('refuses, on the first setUser, the unnamed session of another user', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    await waitCaughtUp(client);
    expect(client.getState().userId).toBeNull();

    client.setUser('bob');
    expect(client.getState()).toMatchObject({ status: 'unauthorized', userId: 'bob' });
    expect(seen.errors.map((e) => e.code)).toEqual(['USER_MISMATCH']);
    await eventually(() => expect(server.socketCount()).toBe(0));
  });

  it('connects again after setUser names the user the token is for', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    client.setUser('bob');
    await waitForStatus(client, 'unauthorized');
    client.setUser('alice');
    await waitCaughtUp(client);
    expect(client.getState()).toMatchObject({ userId: 'alice', lastError: null });
  });
});
