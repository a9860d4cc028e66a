import { afterEach, vi } from 'vitest';
import type { PaymentEventKind } from '@paysocket/protocol';
import { PaymentSocketClient } from '../../src/PaymentSocketClient';
import type { PaymentSocketError } from '../../src/PaymentSocketError';
import type {
  ConnectionStatus,
  PaymentEventMap,
  PaymentSocketClientOptions,
} from '../../src/types';
import { TestServer, type TestServerOptions } from './testServer';

const servers: TestServer[] = [];
const clients: PaymentSocketClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.close();
});

export async function startServer(options?: TestServerOptions): Promise<TestServer> {
  const server = await TestServer.start(options);
  servers.push(server);
  return server;
}

/** A client with fast, jitter-free retries and no console output; destroyed after the test. */
export function createClient(
  server: TestServer,
  options: Partial<PaymentSocketClientOptions> = {},
): PaymentSocketClient {
  const client = new PaymentSocketClient({
    url: server.url,
    logger: false,
    ...options,
    reconnect: { initialDelayMs: 20, maxDelayMs: 100, jitter: 0, ...options.reconnect },
  });
  clients.push(client);
  return client;
}

export interface Recorded {
  events: { [K in PaymentEventKind]: PaymentEventMap[K][] };
  errors: PaymentSocketError[];
  statuses: ConnectionStatus[];
}

/** Everything a client hands to application code, in order. */
export function record(client: PaymentSocketClient): Recorded {
  const recorded: Recorded = {
    events: { deposit_completed: [], withdrawal_completed: [], payment_status_update: [] },
    errors: [],
    statuses: [client.getState().status],
  };
  client.on('deposit_completed', (e) => recorded.events.deposit_completed.push(e));
  client.on('withdrawal_completed', (e) => recorded.events.withdrawal_completed.push(e));
  client.on('payment_status_update', (e) => {
    if (!e.transactionId.startsWith(FLUSH)) recorded.events.payment_status_update.push(e);
  });
  client.on('error', (e) => recorded.errors.push(e));
  client.subscribe(() => {
    const { status } = client.getState();
    if (recorded.statuses.at(-1) !== status) recorded.statuses.push(status);
  });
  return recorded;
}

/** How long a test waits for something that must happen; generous for a loaded CI machine. */
export const PATIENCE_MS = 10_000;

/** Retries `assertion` until it passes (or PATIENCE_MS runs out). */
export function eventually<T>(assertion: () => T): Promise<T> {
  return vi.waitFor(assertion, { timeout: PATIENCE_MS, interval: 5 });
}

export async function waitForStatus(
  client: PaymentSocketClient,
  status: ConnectionStatus,
  timeout = PATIENCE_MS,
): Promise<void> {
  await vi.waitFor(
    () => {
      if (client.getState().status !== status) {
        throw new Error(`status is ${client.getState().status}, waiting for ${status}`);
      }
    },
    { timeout, interval: 5 },
  );
}

/** Connected, replayed and looked up: nothing missed is still on its way. */
export async function waitCaughtUp(
  client: PaymentSocketClient,
  timeout = PATIENCE_MS,
): Promise<void> {
  await vi.waitFor(
    () => {
      const { status, caughtUp } = client.getState();
      if (status !== 'connected' || !caughtUp) throw new Error(`not caught up (${status})`);
    },
    { timeout, interval: 5 },
  );
}

const FLUSH = 'flush-';
let flushes = 0;

/**
 * Waits until everything the server sent this user before now has reached the client: a marker
 * sent last on the same socket arrives last. For asserting that something did NOT happen.
 */
export async function flush(
  server: TestServer,
  client: PaymentSocketClient,
  userId: string,
): Promise<void> {
  const transactionId = `${FLUSH}${++flushes}`;
  server.emitStatus(userId, { transactionId }, { ids: false });
  await vi.waitFor(
    () => {
      if (!client.getTransaction(transactionId)) throw new Error('marker not received yet');
    },
    { timeout: PATIENCE_MS, interval: 5 },
  );
}
