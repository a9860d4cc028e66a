import { afterAll, expect, it } from 'vitest';
import { PaymentSocketClient } from '@paysocket/client';
// The README's browser sample, run as it is printed: it starts msw's worker.
import { backend, worker } from '../samples/browserWorker.sample';

afterAll(() => worker.stop());

it('serves the real client from the service worker', async () => {
  const client = new PaymentSocketClient({ url: backend.url, logger: false });
  const deposit = backend.createDeposit({ amount: 100_000 });
  const watch = client.watchTransaction(deposit.transactionId);
  backend.completeDeposit(deposit.transactionId);
  expect(await watch).toMatchObject({ status: 'completed' });
  const wallet = await fetch(`${backend.url}/api/v1/wallet`);
  expect(await wallet.json()).toMatchObject({ balance: 100_000 });
  client.destroy();
});
