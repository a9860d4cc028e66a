import { cleanup, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { PaymentSocketClient } from '@paysocket/client';
import { PaymentSocketProvider, useDepositListener } from '@paysocket/react';
import { createPaymentBackendMock } from '@paysocket/testing';

// The app's component under test: tells the user when their top-up lands.
function DepositNotice({ userId, transactionId }: { userId: string; transactionId: string }) {
  const [balance, setBalance] = useState<number | null>(null);
  const { connected } = useDepositListener(userId, transactionId, (event) => {
    setBalance(event.newBalance);
  });
  if (balance !== null)
    return <p>Nạp tiền thành công. Số dư: {balance.toLocaleString('vi-VN')} ₫</p>;
  return <p>{connected ? 'Đang chờ thanh toán…' : 'Đang kết nối…'}</p>;
}

const backend = createPaymentBackendMock({ url: 'http://api.test', userId: 'u1', balance: 0 });
const server = setupServer(...backend.handlers);
// Connecting, and reconnecting after the client's backoff, can take longer than Testing
// Library's default 1 s on a busy machine.
const patience = { timeout: 10_000 };
let client: PaymentSocketClient;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  client = new PaymentSocketClient({ url: backend.url, autoConnect: false, logger: false });
});
afterEach(() => {
  cleanup();
  client.destroy();
  backend.reset();
});
afterAll(() => server.close());

function renderNotice(transactionId: string) {
  return render(
    <PaymentSocketProvider client={client}>
      <DepositNotice userId="u1" transactionId={transactionId} />
    </PaymentSocketProvider>,
  );
}

it('shows the new balance when the deposit completes', async () => {
  const deposit = backend.createDeposit({ amount: 100_000 });
  renderNotice(deposit.transactionId);
  await screen.findByText('Đang chờ thanh toán…', {}, patience);

  backend.completeDeposit(deposit.transactionId);

  expect(
    await screen.findByText('Nạp tiền thành công. Số dư: 100.000 ₫', {}, patience),
  ).toBeTruthy();
});

it('still shows it when the payment lands while the connection is down', async () => {
  const deposit = backend.createDeposit({ amount: 50_000 });
  renderNotice(deposit.transactionId);
  await screen.findByText('Đang chờ thanh toán…', {}, patience);

  backend.dropConnection();
  backend.completeDeposit(deposit.transactionId); // replayed to the client when it reconnects

  expect(
    await screen.findByText('Nạp tiền thành công. Số dư: 50.000 ₫', {}, patience),
  ).toBeTruthy();
});
