import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { focusInDialog, focusedName, tabTo } from './support/keyboard';
import { e2eReady } from './support/paths';
import { startStack, type Stack } from './support/startStack';
import {
  actOnFakeMomo,
  captureDeposit,
  deposit,
  formatVnd,
  momoIpn,
  sendIpn,
  signIn,
} from './support/walletPage';

const uniqueUser = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(!e2eReady('react-wallet'))('wallet page: keyboard and screen-reader users', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('completes the whole deposit flow by keyboard only, with no axe violations on the way', async () => {
    const { context, page } = await stack.openWallet();
    try {
      expect(await axeViolations(page)).toEqual([]);
      await tabTo(page, 'Mã người dùng');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(uniqueUser('kim'));
      await page.keyboard.press('Enter');
      await page.getByTestId('user-id').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await tabTo(page, formatVnd(200_000));
      await page.keyboard.press('Space');
      await tabTo(page, 'Nạp tiền');
      const snapshot = await captureDeposit(page, () => page.keyboard.press('Enter'));
      expect(snapshot.amount).toBe(200_000);

      const dialog = page.getByRole('dialog');
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      expect(await focusInDialog(page)).toBe(true);
      for (let presses = 0; presses < 12; presses += 1) {
        await page.keyboard.press('Tab');
        expect(await focusInDialog(page)).toBe(true);
      }
      expect(await axeViolations(page)).toEqual([]);

      await actOnFakeMomo(stack, snapshot, 'pay');
      await dialog
        .getByText(`Số dư mới: ${formatVnd(200_000)}`)
        .first()
        .waitFor();
      expect(await focusInDialog(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      await tabTo(page, 'Xong');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      expect(await focusedName(page)).toBe('Nạp tiền');
      expect(await page.getByTestId('balance').textContent()).toBe(formatVnd(200_000));
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('cancels by keyboard after a confirmation; the cancelled, declined and failed states pass axe', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('lan'));
      const dialog = page.getByRole('dialog');

      await deposit(page, 20_000);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      await tabTo(page, 'Huỷ giao dịch');
      await page.keyboard.press('Enter');
      await dialog.getByText('Huỷ giao dịch này? Mã QR sẽ không dùng được nữa.').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await tabTo(page, 'Có, huỷ giao dịch');
      await page.keyboard.press('Enter');
      await dialog.getByRole('heading', { name: 'Giao dịch đã bị huỷ' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      const declined = await deposit(page, 30_000);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      await actOnFakeMomo(stack, declined, 'decline');
      await dialog.getByRole('heading', { name: 'Bạn đã từ chối thanh toán' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      const failed = await deposit(page, 40_000);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      expect(await sendIpn(stack.serverUrl, momoIpn(failed, 1001))).toBe(204);
      await dialog.getByText('Tài khoản MoMo không đủ số dư.').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.getByTestId('balance').textContent()).toBe(formatVnd(0));
    } finally {
      await context.close();
    }
  });
});
