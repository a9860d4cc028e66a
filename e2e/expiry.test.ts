import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { e2eReady } from './support/paths';
import { startStack, type Stack } from './support/startStack';
import { captureDeposit, deposit, formatVnd, momoIpn, sendIpn, signIn } from './support/walletPage';

/** Long enough to see the QR waiting, short enough to watch it expire. */
const DEPOSIT_TTL_MS = 4000;

describe.skipIf(!e2eReady('react-wallet'))('wallet page: a QR that expires', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ serverConfig: { depositTtlMs: DEPOSIT_TTL_MS } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows "expired" when the countdown ends, and "new QR" gives a payable one', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, `minh-${Math.random().toString(36).slice(2, 8)}`);
      const expiring = await deposit(page, 60_000);
      const lifetime = Date.parse(expiring.expiresAt ?? '') - Date.parse(expiring.createdAt);
      expect(Math.abs(lifetime - DEPOSIT_TTL_MS)).toBeLessThan(1000);
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('timer').waitFor();

      await dialog
        .getByRole('heading', { name: 'Mã QR đã hết hạn' })
        .waitFor({ timeout: DEPOSIT_TTL_MS + 10_000 });
      expect(await axeViolations(page)).toEqual([]);
      const row = page.locator(`tr[data-transaction-id="${expiring.transactionId}"]`);
      await expect
        .poll(() => row.locator('[data-status]').getAttribute('data-status'))
        .toBe('failed');

      const fresh = await captureDeposit(page, () =>
        dialog.getByRole('button', { name: 'Tạo mã QR mới' }).click(),
      );
      expect(fresh.transactionId).not.toBe(expiring.transactionId);
      expect(fresh.amount).toBe(60_000);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      expect(await sendIpn(stack.serverUrl, momoIpn(fresh, 0))).toBe(204);
      await dialog
        .getByText(`Số dư mới: ${formatVnd(60_000)}`)
        .first()
        .waitFor();

      // Money taken must be credited: MoMo's late success for the expired QR still counts.
      expect(await sendIpn(stack.serverUrl, momoIpn(expiring, 0))).toBe(204);
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe(formatVnd(120_000));
      await expect
        .poll(() => row.locator('[data-status]').getAttribute('data-status'))
        .toBe('completed');
    } finally {
      await context.close();
    }
  });
});
