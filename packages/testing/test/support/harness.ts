import type { HttpHandler } from 'msw';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { PaymentSocketClient, type PaymentSocketClientOptions } from '@paysocket/client';
import { createPaymentBackendMock, type PaymentBackendMock } from '@paysocket/testing';

export const API_URL = 'http://api.test';
export const USER_ID = 'u1';

/** How an environment runs msw handlers: msw/node's `setupServer` or msw/browser's worker. */
export interface MswHost {
  start(handlers: readonly HttpHandler[]): Promise<void> | void;
  stop(): void;
}

/**
 * One mock backend served by `host` for the whole file, reset after every test; clients
 * made with {@link createClient} are destroyed after each test.
 */
export function useBackendMock(host: MswHost): PaymentBackendMock {
  const backend = createPaymentBackendMock({ url: API_URL, userId: USER_ID, balance: 0 });
  beforeAll(() => host.start(backend.handlers));
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    backend.reset();
  });
  afterAll(() => host.stop());
  return backend;
}

const clients: PaymentSocketClient[] = [];

/** The real client with fast, jitter-free retries and no console output. */
export function createClient(options: Partial<PaymentSocketClientOptions> = {}) {
  const client = new PaymentSocketClient({
    url: API_URL,
    logger: false,
    autoConnect: false,
    ...options,
    reconnect: { initialDelayMs: 20, maxDelayMs: 100, jitter: 0, ...options.reconnect },
  });
  clients.push(client);
  return client;
}

const PATIENCE = { timeout: 10_000, interval: 5 };

/** Retries `assertion` until it passes; generous for a loaded machine. */
export function eventually<T>(assertion: () => T): Promise<T> {
  return vi.waitFor(assertion, PATIENCE);
}

/** Connected, replayed and looked up: nothing missed is still on its way. */
export function caughtUp(client: PaymentSocketClient): Promise<void> {
  return eventually(() => {
    const { status, caughtUp: done } = client.getState();
    if (status !== 'connected' || !done) throw new Error(`not caught up (${status})`);
  });
}

let markers = 0;

/**
 * Waits until everything the backend sent before now has reached the client: a marker sent
 * last on the same connection arrives last. For asserting that something did NOT happen.
 */
export async function flush(backend: PaymentBackendMock, client: PaymentSocketClient) {
  const transactionId = `marker-${++markers}`;
  backend.sendRaw('payment_status_update:v1', {
    type: 'payment_status_update',
    transactionId,
    status: 'pending',
    amount: 0,
    transactionType: 'deposit',
    message: 'marker',
    timestamp: new Date().toISOString(),
  });
  await eventually(() => {
    if (!client.getTransaction(transactionId)) throw new Error('marker not received yet');
  });
}
