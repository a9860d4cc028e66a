import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { PaymentSocketClient } from '@paysocket/client';
import { createPaymentBackendMock } from '@paysocket/testing';

const backend = createPaymentBackendMock({ url: 'http://api.test', userId: 'u1', balance: 0 });
const server = setupServer(...backend.handlers); // setupWorker(...backend.handlers) in a browser
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => backend.reset());
afterAll(() => server.close());

it('settles a watch when the deposit completes', async () => {
  const client = new PaymentSocketClient({ url: backend.url, logger: false });
  const deposit = backend.createDeposit({ amount: 100_000 }); // what POST /api/v1/payment/deposit answers
  const watch = client.watchTransaction(deposit.transactionId);

  backend.completeDeposit(deposit.transactionId); // deposit_completed:v1 with eventId + seq

  expect(await watch).toMatchObject({ status: 'completed' });
  expect(backend.getBalance()).toBe(100_000); // and GET /api/v1/wallet says the same
  client.destroy();
});
