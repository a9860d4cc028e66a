import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../../scripts/chromiumLaunch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  connectClient,
  createDeposit,
  login,
  startTestServer,
  type TestServer,
} from './testServer';

let browser: Browser;
let t: TestServer | undefined;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
}, 30_000);
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

describe('fake MoMo page in Chromium', { timeout: 60_000 }, () => {
  it('pays a deposit from the QR target: the page posts back and the wallet is credited', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    const deposit = await createDeposit(t.url, token, 100_000);
    const page = await browser.newPage();
    try {
      await page.goto(String(deposit.qrCodeData));
      expect((await page.getByTestId('amount').textContent())?.trim()).toBe('100.000 ₫');
      await page.getByRole('button', { name: 'Thanh toán' }).click();
      await page.getByTestId('result').waitFor();
      expect(await page.getByTestId('result').textContent()).toBe('Thanh toán thành công');
    } finally {
      await page.close();
    }
    const event = await recorder.waitFor('deposit_completed:v1');
    expect(event).toMatchObject({ transactionId: deposit.transactionId, newBalance: 100_000 });
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).body).toMatchObject({
      balance: 100_000,
    });
  });

  it('declines from the page, and the deposit ends cancelled (declined)', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token, 20_000);
    const page = await browser.newPage();
    try {
      await page.goto(String(deposit.paymentUrl));
      await page.getByRole('button', { name: 'Từ chối' }).click();
      await page.getByTestId('result').waitFor();
      expect(await page.getByTestId('result').textContent()).toBe('Đã từ chối thanh toán');
    } finally {
      await page.close();
    }
    const snapshot = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      { token },
    );
    expect(snapshot.body).toMatchObject({ status: 'cancelled', reason: 'declined' });
  });
});
