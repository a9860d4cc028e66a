import { describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_COOKIE } from '@paysocket/protocol';
import { PaymentSocketClient } from '../src/PaymentSocketClient';
import {
  createClient,
  eventually,
  flush,
  record,
  startServer,
  waitCaughtUp,
  waitForStatus,
} from './support/harness';

describe('connection', { timeout: 30_000 }, () => {
  it('asks the token provider again on every reconnect and refreshes an expired token', async () => {
    const server = await startServer();
    let current = server.issueToken('alice');
    const asked: boolean[] = [];
    const client = createClient(server, {
      auth: {
        token: async ({ forceRefresh }) => {
          asked.push(forceRefresh);
          if (forceRefresh) current = server.issueToken('alice');
          return current;
        },
      },
    });
    client.setUser('alice');
    await waitCaughtUp(client);
    const first = current;

    server.expireToken(first);
    server.disconnectUser('alice');
    await waitForStatus(client, 'idle');
    client.connect();
    await waitCaughtUp(client);

    expect(asked).toEqual([false, false, true]);
    expect(server.handshakes.map((h) => [h.auth.token, h.rejected])).toEqual([
      [first, null],
      [first, 'TOKEN_EXPIRED'],
      [current, null],
    ]);
    expect(current).not.toBe(first);

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    await server.restart();
    await waitCaughtUp(client);
    expect(asked).toEqual([false, false, true, false]);
  });

  it('forces one refresh per rejection, not one per retry while the server is away', async () => {
    const server = await startServer();
    let current = server.issueToken('alice');
    server.expireToken(current);
    const asked: boolean[] = [];
    let stopped = false;
    const client = createClient(server, {
      auth: {
        token: async ({ forceRefresh }) => {
          asked.push(forceRefresh);
          if (forceRefresh) current = server.issueToken('alice');
          // The server goes away just as the refreshed token is ready.
          if (forceRefresh && !stopped) {
            stopped = true;
            await server.stop();
          }
          return current;
        },
      },
    });
    client.setUser('alice');
    await eventually(() => expect(asked.length).toBeGreaterThanOrEqual(4));
    await server.restart();
    await waitCaughtUp(client);
    expect(asked.slice(0, 2)).toEqual([false, true]);
    expect(asked.filter(Boolean)).toEqual([true]);
  });

  it('stops in unauthorized after one refresh in token mode, without a loop', async () => {
    const server = await startServer();
    const provider = vi.fn(() => 'never-valid');
    const client = createClient(server, { auth: { token: provider } });
    const seen = record(client);
    client.setUser('alice');
    await waitForStatus(client, 'unauthorized');
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(provider.mock.calls).toEqual([[{ forceRefresh: false }], [{ forceRefresh: true }]]);
    expect(server.handshakes).toHaveLength(2);
    expect(seen.errors.map((e) => e.code)).toEqual(['AUTH_FAILED']);
    expect(client.getState()).toMatchObject({ status: 'unauthorized', userId: 'alice' });
    expect(client.getState().lastError?.code).toBe('AUTH_FAILED');
    expect(seen.statuses).toEqual(['connecting', 'unauthorized']);
  });

  it('treats a static token or a throwing provider as the failed refresh', async () => {
    const server = await startServer();
    const staticClient = createClient(server, { auth: { token: 'static' } });
    staticClient.setUser('alice');
    await waitForStatus(staticClient, 'unauthorized');
    expect(server.handshakes).toHaveLength(1);

    const throwing = vi.fn(({ forceRefresh }: { forceRefresh: boolean }) => {
      if (forceRefresh) throw new Error('refresh endpoint down');
      return 'expired';
    });
    const client = createClient(server, { auth: { token: throwing } });
    const seen = record(client);
    client.setUser('bob');
    await waitForStatus(client, 'unauthorized');
    expect(throwing).toHaveBeenCalledTimes(2);
    expect(server.handshakes).toHaveLength(2);
    expect(seen.errors[0]?.cause).toEqual(new Error('refresh endpoint down'));
  });

  it('calls onAuthError once in cookie mode, then connects with the refreshed cookie', async () => {
    const server = await startServer();
    const cookieValue = 'session-1';
    const onAuthError = vi.fn(async () => {
      server.issueToken('alice', cookieValue);
    });
    const client = createClient(server, {
      headers: { cookie: `${ACCESS_TOKEN_COOKIE}=${cookieValue}` },
      onAuthError,
    });
    client.setUser('alice');
    await waitCaughtUp(client);
    expect(onAuthError).toHaveBeenCalledTimes(1);
    expect(server.handshakes.map((h) => [h.userId, h.rejected, h.auth.token])).toEqual([
      [null, 'UNAUTHORIZED', undefined],
      ['alice', null, undefined],
    ]);

    server.putTransaction('alice', { transactionId: 'd1' });
    await client.watchTransaction('d1', { timeoutMs: 0 });
    await eventually(() => expect(server.lookups).toHaveLength(1));
    expect(server.lookups[0]).toMatchObject({ userId: 'alice', authorization: undefined });
  });

  it('stops in unauthorized in cookie mode when the session cannot be refreshed', async () => {
    const server = await startServer();
    const onAuthError = vi.fn(async () => {});
    const client = createClient(server, { onAuthError });
    const seen = record(client);
    await waitForStatus(client, 'unauthorized');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(onAuthError).toHaveBeenCalledTimes(1);
    expect(server.handshakes).toHaveLength(2);
    expect(seen.errors.map((e) => e.code)).toEqual(['AUTH_FAILED']);

    // Signing in later and naming the user connects again.
    server.issueToken('alice', 'fresh');
    const again = createClient(server, {
      headers: { cookie: `${ACCESS_TOKEN_COOKIE}=fresh` },
      autoConnect: false,
    });
    again.setUser('alice');
    await waitCaughtUp(again);
  });

  it('backs off between attempts and ends in failed when they run out', async () => {
    const server = await startServer();
    const token = server.issueToken('alice');
    await server.stop();
    const client = createClient(server, {
      auth: { token },
      reconnect: { initialDelayMs: 10, maxAttempts: 2 },
    });
    const seen = record(client);
    client.setUser('alice');
    await waitForStatus(client, 'failed');
    expect(seen.statuses).toEqual(['connecting', 'reconnecting', 'failed']);
    expect(client.getState()).toMatchObject({
      attempt: 2,
      lastError: { code: 'CONNECTION_FAILED' },
    });
    expect(seen.errors.map((e) => e.code)).toEqual(['CONNECTION_FAILED']);

    await server.restart();
    client.connect();
    await waitCaughtUp(client);
    expect(client.getState()).toMatchObject({ attempt: 0, lastError: null });
  });

  it('goes idle without reconnecting when the server disconnects it (logout)', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    client.setUser('alice');
    await waitCaughtUp(client);
    server.disconnectUser('alice');
    await waitForStatus(client, 'idle');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.handshakes).toHaveLength(1);
    expect(server.socketCount()).toBe(0);
  });

  it('adopts the unnamed start-up session on the first setUser, without reconnecting', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    await waitCaughtUp(client);
    expect(client.getState().userId).toBeNull();
    const seq = server.emitStatus('alice', { transactionId: 'd1' }).seq;
    await flush(server, client, 'alice');
    client.setUser('alice');
    expect(client.getState()).toMatchObject({ userId: 'alice', status: 'connected', lastSeq: seq });
    expect(client.getTransaction('d1')).toBeDefined();
    expect(server.handshakes).toHaveLength(1);
  });

  it('forgets everything of the previous user on a switch', async () => {
    const server = await startServer();
    const tokens = { alice: server.issueToken('alice'), bob: server.issueToken('bob') };
    let user: 'alice' | 'bob' = 'alice';
    const client = createClient(server, { auth: { token: () => tokens[user] } });
    const seen = record(client);
    client.setUser('alice');
    server.putTransaction('alice', { transactionId: 'a1' });
    const watch = client.watchTransaction('a1');
    await waitCaughtUp(client);
    server.emitDeposit('alice', { transactionId: 'a0' });
    await eventually(() => expect(client.getState().lastSeq).toBe(1));

    user = 'bob';
    client.setUser('bob');
    await expect(watch).resolves.toEqual({ status: 'aborted' });
    expect(client.getTransaction('a0')).toBeUndefined();
    expect(client.getTransaction('a1')).toBeUndefined();
    expect(client.getState()).toMatchObject({ userId: 'bob', lastSeq: null, epoch: null });
    await waitCaughtUp(client);

    expect(server.handshakes.at(-1)?.auth).toEqual({ token: tokens.bob });
    expect(server.socketCount('alice')).toBe(0);
    expect(server.socketCount('bob')).toBe(1);
    // The same transaction id for bob is news to bob: alice's dedupe memory is gone.
    const bobs = server.emitDeposit('bob', { transactionId: 'a0' });
    await flush(server, client, 'bob');
    expect(seen.events.deposit_completed.at(-1)).toEqual(bobs);
    expect(seen.events.deposit_completed).toHaveLength(2);

    client.setUser(null);
    expect(client.getState()).toMatchObject({ status: 'idle', userId: null });
    await eventually(() => expect(server.socketCount()).toBe(0));
  });

  it("never sends one user's token on the next user's connection", async () => {
    const server = await startServer();
    const tokens = { alice: server.issueToken('alice'), bob: server.issueToken('bob') };
    let user: 'alice' | 'bob' = 'alice';
    let releaseAlice!: () => void;
    const client = createClient(server, {
      auth: {
        token: () => {
          const token = tokens[user];
          if (user === 'bob') return token;
          // Alice's token arrives only after the switch to bob.
          return new Promise<string>((resolve) => (releaseAlice = () => resolve(token)));
        },
      },
    });
    client.setUser('alice');
    await eventually(() => expect(releaseAlice).toBeTypeOf('function'));
    user = 'bob';
    client.setUser('bob');
    releaseAlice();
    await waitCaughtUp(client);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.handshakes.map((h) => h.userId)).toEqual(['bob']);
  });

  it('leaves no socket, timer or listener behind on destroy', async () => {
    const server = await startServer();
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const subscriber = vi.fn();
    client.subscribe(subscriber);
    client.on('deposit_completed', () => {});
    client.on('error', () => {});
    client.setUser('alice');
    await waitCaughtUp(client);
    const watch = client.watchTransaction('d1', { timeoutMs: 60_000 });

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    client.destroy();
    expect(client.getState().status).toBe('closed');
    await expect(watch).resolves.toEqual({ status: 'aborted' });
    expect(client.listenerCount('deposit_completed')).toBe(0);
    expect(client.listenerCount('error')).toBe(0);

    const handshakes = server.handshakes.length;
    await server.restart();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.handshakes).toHaveLength(handshakes);
    expect(server.socketCount()).toBe(0);
    const calls = subscriber.mock.calls.length;
    client.connect();
    client.setUser('bob');
    expect(client.getState().status).toBe('closed');
    expect(subscriber).toHaveBeenCalledTimes(calls);
    await expect(client.watchTransaction('d2')).resolves.toEqual({ status: 'aborted' });
  });

  it('refuses to be built without a url', () => {
    expect(
      () =>
        new PaymentSocketClient(
          {} as unknown as ConstructorParameters<typeof PaymentSocketClient>[0],
        ),
    ).toThrow(/url is required/);
  });

  it('keeps getState stable until something changes, and on() returns its unsubscribe', async () => {
    const server = await startServer();
    const client = new PaymentSocketClient({ url: server.url, autoConnect: false, logger: false });
    const state = client.getState();
    expect(client.getState()).toBe(state);
    expect(state).toMatchObject({ status: 'idle', userId: null, caughtUp: false });
    const off = client.on('deposit_completed', () => {});
    expect(client.listenerCount('deposit_completed')).toBe(1);
    off();
    expect(client.listenerCount('deposit_completed')).toBe(0);
    client.disconnect();
    expect(client.getState()).toBe(state);
    client.destroy();
    expect(client.getState()).not.toBe(state);
  });
});
