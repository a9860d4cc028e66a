import { act } from 'react';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { PaymentSocketClient, type PaymentSocketClientOptions } from '@paysocket/client';
import { createPaymentBackendMock, type PaymentBackendMock } from '@paysocket/testing';
import { caughtUp, eventually, flush } from '../../../testing/test/support/harness';

export const API_URL = 'http://api.test';
/** The user the backend treats every request without credentials as. */
export const USER_ID = 'alice';

export interface BackendMockHarness {
  backend: PaymentBackendMock;
  /** The real client against the backend, not yet connected; destroyed after each test. */
  createClient(options?: Partial<PaymentSocketClientOptions>): PaymentSocketClient;
  /** The msw server, for `server.use(...)` overrides of one test (reset after each). */
  server: SetupServer;
  /** Paths of every `GET /api/v1/payment/transactions/:id` the backend answered, in order. */
  lookups: string[];
}

/**
 * One mock paysocket backend served by msw for the whole file and reset after every test, so
 * the hooks run against the real `PaymentSocketClient` and its folding.
 */
export function setUpBackendMock(
  options: { pingIntervalMs?: number; pingTimeoutMs?: number } = {},
): BackendMockHarness {
  const backend = createPaymentBackendMock({ url: API_URL, userId: USER_ID, ...options });
  const server = setupServer(...backend.handlers);
  const clients: PaymentSocketClient[] = [];
  const lookups: string[] = [];
  server.events.on('request:start', ({ request }) => {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && pathname.startsWith('/api/v1/payment/transactions/')) {
      lookups.push(pathname);
    }
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    server.resetHandlers();
    backend.reset();
    lookups.length = 0;
  });
  afterAll(() => server.close());

  function createClient(overrides: Partial<PaymentSocketClientOptions> = {}) {
    const client = new PaymentSocketClient({
      url: API_URL,
      logger: false,
      autoConnect: false,
      ...overrides,
      reconnect: { initialDelayMs: 20, maxDelayMs: 100, jitter: 0, ...overrides.reconnect },
    });
    clients.push(client);
    return client;
  }
  return { backend, createClient, server, lookups };
}

// The same waits as @paysocket/testing's own tests: one copy of them.
export { caughtUp, eventually, flush };

/** Drops the connection and waits until the client has reconnected and looked everything up. */
export async function reconnect(backend: PaymentBackendMock, client: PaymentSocketClient) {
  const before = client.getMetrics().reconnects;
  await act(async () => {
    backend.dropConnection();
    await eventually(() => {
      if (client.getMetrics().reconnects <= before) throw new Error('not reconnected yet');
    });
    await caughtUp(client);
  });
}

/** The look-up path of one transaction, as `lookups` lists it. */
export const lookupOf = (transactionId: string) => `/api/v1/payment/transactions/${transactionId}`;
