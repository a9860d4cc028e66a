import { cleanup, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, it } from 'vitest';
import { PaymentSocketClient } from '@paysocket/client';
import { PaymentSocketProvider, usePaymentSocket, useTransactionStatus } from '@paysocket/react';
import { createPaymentBackendMock } from '@paysocket/testing';

// The hooks on the real client against the mock: what the React package's tests can do.
const backend = createPaymentBackendMock({ url: 'http://api.test', userId: 'u1' });
const server = setupServer(...backend.handlers);
const patience = { timeout: 10_000 };
let client: PaymentSocketClient;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  client = new PaymentSocketClient({
    url: backend.url,
    auth: { token: 'token' },
    autoConnect: false,
    logger: false,
    reconnect: { initialDelayMs: 20, jitter: 0 },
  });
});
afterEach(() => {
  cleanup();
  client.destroy();
  backend.reset();
});
afterAll(() => server.close());

function Status({ transactionId }: { transactionId: string }) {
  const { status: connection, error } = usePaymentSocket('u1');
  const { status, reason } = useTransactionStatus(transactionId);
  return (
    <>
      <p>connection: {connection}</p>
      <p>error: {error?.code ?? 'none'}</p>
      <p>
        deposit: {status ?? 'unknown'}
        {reason ? ` (${reason})` : ''}
      </p>
    </>
  );
}

function renderStatus(transactionId: string) {
  render(
    <PaymentSocketProvider client={client}>
      <Status transactionId={transactionId} />
    </PaymentSocketProvider>,
  );
}

it('useTransactionStatus follows a deposit from its look-up to a live failure', async () => {
  const deposit = backend.createDeposit({ amount: 100_000 });
  renderStatus(deposit.transactionId);
  await screen.findByText('connection: connected', {}, patience);
  await screen.findByText('deposit: pending', {}, patience);
  backend.expireDeposit(deposit.transactionId);
  await screen.findByText('deposit: failed (expired)', {}, patience);
  // A late success still completes it.
  backend.completeDeposit(deposit.transactionId);
  await screen.findByText('deposit: completed', {}, patience);
});

it('usePaymentSocket shows a refused session as unauthorized with AUTH_FAILED', async () => {
  const deposit = backend.createDeposit({ amount: 100_000 });
  renderStatus(deposit.transactionId);
  await screen.findByText('connection: connected', {}, patience);
  backend.rejectAuth('TOKEN_EXPIRED');
  backend.dropConnection();
  await screen.findByText('connection: unauthorized', {}, patience);
  await screen.findByText('error: AUTH_FAILED', {}, patience);
});
