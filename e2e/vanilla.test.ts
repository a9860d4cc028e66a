import { API_PATHS } from '@paysocket/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eReady } from './support/paths';
import { startStack, type Stack } from './support/startStack';
import { actOnFakeMomo, captureDeposit, formatVnd } from './support/walletPage';

describe.skipIf(!e2eReady('vanilla'))(
  'vanilla example: PaymentSocketClient with plain DOM code',
  () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ example: 'vanilla' });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('deposits what is typed, shows the QR and the new balance once paid', async () => {
      const { context, page } = await stack.openWallet();
      try {
        await page
          .getByLabel('Mã người dùng')
          .fill(`van-${Math.random().toString(36).slice(2, 8)}`);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByText('Đã kết nối', { exact: true }).waitFor();

        let depositRequests = 0;
        page.on('request', (request) => {
          if (request.method() === 'POST' && new URL(request.url()).pathname === API_PATHS.deposit)
            depositRequests += 1;
        });
        await page.getByLabel('Số tiền (VND)').fill('70.000,00');
        await page.getByRole('button', { name: 'Nạp tiền' }).click();
        await page.getByRole('alert').getByText('VND không có phần thập phân').waitFor();
        expect(depositRequests).toBe(0);

        await page.getByLabel('Số tiền (VND)').fill('70.000');
        const snapshot = await captureDeposit(page, () =>
          page.getByRole('button', { name: 'Nạp tiền' }).click(),
        );
        expect(snapshot.amount).toBe(70_000);
        expect(depositRequests).toBe(1);
        await page.getByRole('img', { name: `Mã QR thanh toán ${formatVnd(70_000)}` }).waitFor();
        await page.getByText('Đang lắng nghe thanh toán…').waitFor();

        await actOnFakeMomo(stack, snapshot, 'pay');
        await page.getByText(`Nạp tiền thành công! Số dư mới: ${formatVnd(70_000)}`).waitFor();
        expect(await page.locator('#balance').textContent()).toBe(formatVnd(70_000));
      } finally {
        await context.close();
      }
    });
  },
);
