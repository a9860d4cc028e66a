import { setupServer } from 'msw/node';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPaymentBackendMock } from '@paysocket/testing';
import { SocketIoPollingServer } from '../src/SocketIoPollingServer';

const BASE = 'http://engine.test';
const ENDPOINT = `${BASE}/socket.io/`;
const PING_INTERVAL_MS = 40;
// Long enough that a loaded machine answers in time; the silent connection waits it out once.
const PING_TIMEOUT_MS = 1_500;

const sio = new SocketIoPollingServer({
  endpoint: ENDPOINT,
  authorize: () => ({ userId: 'u1' }),
  onConnection: () => {},
  pingIntervalMs: PING_INTERVAL_MS,
  pingTimeoutMs: PING_TIMEOUT_MS,
});
const server = setupServer(...sio.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

describe('Engine.IO heartbeat', () => {
  it('keeps a client that answers its pings connected', async () => {
    const socket = io(BASE, { forceNew: true, reconnection: false });
    let pings = 0;
    let disconnected = false;
    socket.io.on('ping', () => pings++);
    socket.on('disconnect', () => (disconnected = true));
    // Well past pingInterval + pingTimeout several times over.
    await waitFor(() => expect(pings).toBeGreaterThanOrEqual(5));
    expect(disconnected).toBe(false);
    expect(sio.sockets()).toHaveLength(1);
    socket.disconnect();
    await waitFor(() => expect(sio.sockets()).toHaveLength(0));
  });

  it('forgets a connection that never answers', async () => {
    const handshake = await fetch(`${ENDPOINT}?EIO=4&transport=polling`);
    const body = await handshake.text();
    expect(body.startsWith('0')).toBe(true);
    const { sid, upgrades } = JSON.parse(body.slice(1)) as { sid: string; upgrades: string[] };
    expect(upgrades).toEqual([]);
    await waitFor(async () => {
      const poll = await fetch(`${ENDPOINT}?EIO=4&transport=polling&sid=${sid}`);
      expect(poll.status).toBe(400);
      expect(await poll.json()).toEqual({ code: 1, message: 'Session ID unknown' });
    });
  });

  it('tells the client the heartbeat the backend mock was given', async () => {
    const slow = createPaymentBackendMock({
      url: 'http://slow.test',
      userId: 'u1',
      pingIntervalMs: 3_600_000,
      pingTimeoutMs: 60_000,
    });
    server.use(...slow.handlers);
    const handshake = await fetch('http://slow.test/socket.io/?EIO=4&transport=polling');
    const open = JSON.parse((await handshake.text()).slice(1)) as Record<string, unknown>;
    expect(open).toMatchObject({ pingInterval: 3_600_000, pingTimeout: 60_000, upgrades: [] });
    slow.reset();
  });

  it.each([
    ['EIO=3&transport=polling', 5],
    ['EIO=4&transport=websocket', 0],
    ['EIO=4&transport=polling&sid=unknown', 1],
  ])('answers ?%s with engine.io error code %i', async (query, code) => {
    const response = await fetch(`${ENDPOINT}?${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code });
  });
});
