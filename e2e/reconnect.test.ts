import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eReady } from './support/paths';
import { startStack, type Stack } from './support/startStack';
import { actOnFakeMomo, deposit, formatVnd, signIn } from './support/walletPage';

describe.skipIf(!e2eReady('react-wallet'))(
  'wallet page: the server restarts while the QR waits',
  () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('a payment completed while the page was disconnected shows as success exactly once after it reconnects', async () => {
      const { context, page } = await stack.openWallet();
      try {
        await signIn(page, `carol-${Math.random().toString(36).slice(2, 8)}`);
        const first = await deposit(page, 100_000);
        const dialog = page.getByRole('dialog');
        await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
        await actOnFakeMomo(stack, first, 'pay');
        await dialog.getByRole('heading', { name: 'Nạp tiền thành công' }).waitFor();
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });

        const second = await deposit(page, 250_000);
        await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();

        await stack.killServer();
        await dialog.getByText('Mất kết nối, đang kết nối lại…').first().waitFor();
        // The page stays away (no network) until the payment is done, so the completion
        // can only reach it as a catch-up after it reconnects.
        await context.setOffline(true);
        await stack.startServer();
        await actOnFakeMomo(stack, second, 'pay');
        await context.setOffline(false);

        await dialog.getByRole('heading', { name: 'Nạp tiền thành công' }).waitFor();
        await dialog
          .getByText(`Số dư mới: ${formatVnd(350_000)}`)
          .first()
          .waitFor();
        await expect.poll(() => page.getByTestId('balance').textContent()).toBe(formatVnd(350_000));
        const row = page.locator(`tr[data-transaction-id="${second.transactionId}"]`);
        await expect
          .poll(() => row.locator('[data-status]').getAttribute('data-status'))
          .toBe('completed');

        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        // A withdrawal afterwards is the barrier: once its result is on screen, a second
        // delivery of the deposit (replay, look-up, live) would have been handled too.
        await page.getByLabel('Số tiền rút (VND)').fill('50000');
        await page.getByRole('button', { name: 'Rút tiền', exact: true }).click();
        await page
          .getByTestId('withdraw-status')
          .getByText(`Số dư mới: ${formatVnd(300_000)}`)
          .waitFor();

        const feed = page.locator(`.feed li[data-transaction-id="${second.transactionId}"]`);
        expect(await feed.count()).toBe(1);
        expect(await page.getByTestId('balance').textContent()).toBe(formatVnd(300_000));
      } finally {
        await context.close();
      }
    });

    it('says so when the server is unreachable, and signs in once it is back', async () => {
      await stack.killServer();
      const { context, page } = await stack.openWallet();
      try {
        await page
          .getByRole('alert')
          .getByText('Không kết nối được máy chủ. Kiểm tra máy chủ demo đang chạy rồi thử lại.')
          .waitFor();
        await stack.startServer();
        await signIn(page, `an-${Math.random().toString(36).slice(2, 8)}`);
        await page.getByText('Đã kết nối').waitFor();
        expect(await page.getByTestId('balance').textContent()).toBe(formatVnd(0));
      } finally {
        await context.close();
      }
    });
  },
);
