// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createClient,
  eventually,
  record,
  startServer,
  waitCaughtUp,
  waitForStatus,
} from './support/harness';

let online = true;
let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

afterEach(() => {
  online = true;
  visibility = 'visible';
});

function goOffline(): void {
  online = false;
  window.dispatchEvent(new Event('offline'));
}
function goOnline(): void {
  online = true;
  window.dispatchEvent(new Event('online'));
}
function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Retries so slow that only a browser event can bring the client back within a test. */
const slowRetries = { reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 } };

describe('browser events', { timeout: 30_000 }, () => {
  it('is offline while the browser says so and retries at once when it comes back', async () => {
    const server = await startServer();
    const client = createClient(server, {
      auth: { token: server.issueToken('alice') },
      ...slowRetries,
    });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);

    goOffline();
    expect(client.getState().status).toBe('offline');
    client.connect();
    expect(client.getState().status).toBe('offline');
    expect(server.handshakes).toHaveLength(1);

    goOnline();
    await waitCaughtUp(client);
    expect(server.handshakes).toHaveLength(2);
    expect(seen.statuses).toEqual([
      'connecting',
      'connected',
      'offline',
      'connecting',
      'connected',
    ]);
  });

  it('starts offline when the browser has no network', async () => {
    const server = await startServer();
    online = false;
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    expect(client.getState().status).toBe('offline');
    goOnline();
    await waitCaughtUp(client);
  });

  it('retries at once on the online event while waiting out a backoff', async () => {
    const server = await startServer();
    const client = createClient(server, {
      auth: { token: server.issueToken('alice') },
      ...slowRetries,
    });
    client.setUser('alice');
    await waitCaughtUp(client);
    await server.stop();
    await waitForStatus(client, 'reconnecting');
    await server.restart();
    window.dispatchEvent(new Event('online'));
    await waitCaughtUp(client);
  });

  it('lets an attempt already under way run instead of starting another', async () => {
    const server = await startServer();
    const token = server.issueToken('alice');
    let hold = false;
    let release = () => {};
    const provider = vi.fn(() => {
      if (!hold) return token;
      return new Promise<string>((resolve) => (release = () => resolve(token)));
    });
    const client = createClient(server, { auth: { token: provider }, ...slowRetries });
    client.setUser('alice');
    await waitCaughtUp(client);
    await server.stop();
    await waitForStatus(client, 'reconnecting');
    await server.restart();
    hold = true;
    provider.mockClear();

    goOnline();
    expect(provider).toHaveBeenCalledTimes(1);
    goOnline();
    setVisibility('hidden');
    setVisibility('visible');
    expect(provider).toHaveBeenCalledTimes(1);
    release();
    await waitCaughtUp(client);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('retries at once when the tab becomes visible, and not while it is hidden', async () => {
    const server = await startServer();
    const client = createClient(server, {
      auth: { token: server.issueToken('alice') },
      ...slowRetries,
    });
    client.setUser('alice');
    await waitCaughtUp(client);
    await server.stop();
    await waitForStatus(client, 'reconnecting');
    await server.restart();
    const handshakes = server.handshakes.length;
    setVisibility('hidden');
    expect(client.getState().status).toBe('reconnecting');
    expect(server.handshakes).toHaveLength(handshakes);
    setVisibility('visible');
    await waitCaughtUp(client);
    expect(server.handshakes).toHaveLength(handshakes + 1);
  });

  it('looks watched transactions up when the tab becomes visible', async () => {
    const server = await startServer({ legacy: true });
    const client = createClient(server, { auth: { token: server.issueToken('alice') } });
    const seen = record(client);
    client.setUser('alice');
    await waitCaughtUp(client);
    server.putTransaction('alice', { transactionId: 'd1' });
    const watch = client.watchTransaction('d1');
    await eventually(() => expect(client.getTransaction('d1')?.status).toBe('pending'));

    // The completion event was lost (a sleeping tab's socket can miss it).
    server.putTransaction('alice', { transactionId: 'd1', status: 'completed', newBalance: 1 });
    setVisibility('hidden');
    setVisibility('visible');
    await expect(watch).resolves.toMatchObject({ status: 'completed' });
    expect(seen.events.deposit_completed).toHaveLength(1);
  });

  it('removes its window and document listeners on destroy', async () => {
    const server = await startServer();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const docAdded = vi.spyOn(document, 'addEventListener');
    const docRemoved = vi.spyOn(document, 'removeEventListener');
    const client = createClient(server, { autoConnect: false });
    client.destroy();
    const names = (spy: typeof added) => spy.mock.calls.map((call) => call[0]).sort();
    expect(names(added)).toEqual(['offline', 'online']);
    expect(names(removed)).toEqual(names(added));
    expect(names(docAdded)).toEqual(['visibilitychange']);
    expect(names(docRemoved)).toEqual(['visibilitychange']);
    goOnline();
    setVisibility('visible');
    expect(client.getState().status).toBe('closed');
    expect(server.handshakes).toHaveLength(0);
    vi.restoreAllMocks();
  });
});
