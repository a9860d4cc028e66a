import { API_PATHS } from '@paysocket/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
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

/** Counts the deposits the page asks the server to create from now on. */
function countDepositRequests(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === API_PATHS.deposit) {
      count += 1;
    }
  });
  return () => count;
}

const historyRow = (page: Page, transactionId: string) =>
  page.locator(`tr[data-transaction-id="${transactionId}"]`);
const notice = (page: Page, transactionId: string) =>
  page.locator(`.feed li[data-transaction-id="${transactionId}"]`);

/** Reason codes the server sends, which must never reach the screen as they are. */
const RAW_CODES = /user_cancelled|insufficient_funds|merchant_cancelled|momo_\d+/;
/** On the Vietnamese page, no English code word either. */
const RAW_REASONS = new RegExp(`declined|expired|${RAW_CODES.source}`);

describe.skipIf(!e2eReady('react-wallet'))('wallet page, as a newcomer finds it', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('charges what is typed: decimals and other non-amounts are refused and nothing is created', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('tuan'));
      const depositRequests = countDepositRequests(page);
      const amount = page.getByLabel('Số tiền (VND)', { exact: true });
      const submit = page.getByRole('button', { name: 'Nạp tiền', exact: true });
      const alert = page.getByRole('alert');

      for (const typed of ['100.000,00', '100.000,5', '100000.5', '100,000']) {
        await amount.fill(typed);
        await submit.click();
        await alert.getByText('VND không có phần thập phân').waitFor();
      }
      for (const [typed, message] of [
        ['1e5', 'Chỉ nhập chữ số'],
        ['-5', 'Số tiền phải lớn hơn 0.'],
        ['', 'Nhập số tiền.'],
        ['500', `Số tiền phải từ ${formatVnd(1_000)} đến ${formatVnd(50_000_000)}.`],
      ] as const) {
        await amount.fill(typed);
        await submit.click();
        await alert.getByText(message).waitFor();
      }
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(depositRequests()).toBe(0);
      expect(await page.locator('tr[data-transaction-id]').count()).toBe(0);

      await amount.fill('100 000');
      const created = await captureDeposit(page, () => submit.click());
      expect(created.amount).toBe(100_000);
      await page
        .getByRole('dialog')
        .getByRole('img', { name: `Mã QR thanh toán ${formatVnd(100_000)}` })
        .waitFor();
      expect(depositRequests()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('lists a pending deposit after a reload, and "Mở lại mã QR" reopens it to be paid', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('thu'));
      const pending = await deposit(page, 70_000);
      await page.getByRole('dialog').getByText('Đang lắng nghe thanh toán…').waitFor();

      await page.reload();
      await page.getByTestId('user-id').waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      await page.getByRole('button', { name: 'Mở lại mã QR' }).click();

      const dialog = page.getByRole('dialog');
      await dialog.getByRole('img', { name: `Mã QR thanh toán ${formatVnd(70_000)}` }).waitFor();
      await dialog.getByRole('timer').waitFor();
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      await actOnFakeMomo(stack, pending, 'pay');
      await dialog.getByRole('heading', { name: 'Nạp tiền thành công' }).waitFor();
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe(formatVnd(70_000));
      await expect
        .poll(() =>
          historyRow(page, pending.transactionId)
            .locator('[data-status]')
            .getAttribute('data-status'),
        )
        .toBe('completed');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByRole('button', { name: 'Mở lại mã QR' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('switches to English, the dialog too, and keeps it after a reload', async () => {
    const { context, page } = await stack.openWallet();
    try {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'paysocket wallet' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      await page.getByLabel('User id').fill(uniqueUser('jane'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('user-id').waitFor();
      await page.getByLabel('Amount', { exact: true }).fill('100.000,00');
      await page.getByRole('button', { name: 'Top up', exact: true }).click();
      await page.getByRole('alert').getByText('VND has no decimals.').waitFor();

      await page.getByLabel('Amount', { exact: true }).fill('150.000');
      const created = await captureDeposit(page, () =>
        page.getByRole('button', { name: 'Top up', exact: true }).click(),
      );
      expect(created.amount).toBe(150_000);
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Scan to top up' }).waitFor();
      await dialog.getByText('Waiting for your payment…').waitFor();
      await page.keyboard.press('Escape');

      await page.reload();
      await page.getByRole('button', { name: 'Reopen QR' }).waitFor();
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('button', { name: 'Mở lại mã QR' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('starts in English for a browser that prefers it, and dark mode passes axe', async () => {
    const context = await stack.browser.newContext({
      baseURL: stack.pageUrl,
      locale: 'en-US',
      colorScheme: 'dark',
    });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByLabel('User id').waitFor();
      await page.getByRole('button', { name: 'Tiếng Việt' }).waitFor();
      expect(await page.getByText('Mã người dùng').count()).toBe(0);
      expect(
        await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      ).toBe('rgb(18, 18, 22)');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('User id').fill(uniqueUser('minh'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('user-id').waitFor();
      await page.getByLabel('Amount', { exact: true }).fill('1,5');
      await page.getByRole('button', { name: 'Top up', exact: true }).click();
      await page.getByRole('alert').waitFor();
      const declined = await captureDeposit(page, async () => {
        await page.getByLabel('Amount', { exact: true }).fill('25000');
        await page.getByRole('button', { name: 'Top up', exact: true }).click();
      });
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Waiting for your payment…').waitFor();
      expect(await dialog.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
        'rgb(28, 28, 33)',
      );
      expect(await axeViolations(page)).toEqual([]);
      await actOnFakeMomo(stack, declined, 'decline');
      await dialog.getByRole('heading', { name: 'You declined the payment' }).waitFor();
      await page.keyboard.press('Escape');
      await expect
        .poll(() => historyRow(page, declined.transactionId).locator('[data-status]').textContent())
        .toContain('Declined');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('words every reason in history and notices, never the server’s codes', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('hanh'));
      const dialog = page.getByRole('dialog');

      const declined = await deposit(page, 30_000);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      await actOnFakeMomo(stack, declined, 'decline');
      await dialog.getByRole('heading', { name: 'Bạn đã từ chối thanh toán' }).waitFor();
      await page.keyboard.press('Escape');

      const poor = await deposit(page, 40_000);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      expect(await sendIpn(stack.serverUrl, momoIpn(poor, 1001))).toBe(204);
      await dialog.getByText('Tài khoản MoMo không đủ số dư.').first().waitFor();
      await page.keyboard.press('Escape');

      const refused = await deposit(page, 45_000);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      expect(await sendIpn(stack.serverUrl, momoIpn(refused, 1002))).toBe(204);
      await dialog.getByText('MoMo từ chối giao dịch (mã lỗi 1002).').first().waitFor();
      await page.keyboard.press('Escape');

      const cancelled = await deposit(page, 50_000);
      await dialog.getByRole('button', { name: 'Huỷ giao dịch' }).click();
      await dialog.getByRole('button', { name: 'Có, huỷ giao dịch' }).click();
      await dialog.getByRole('heading', { name: 'Giao dịch đã bị huỷ' }).waitFor();
      await page.keyboard.press('Escape');

      const expectations = [
        [declined, 'Bị từ chối', 'bạn đã từ chối trong ứng dụng MoMo'],
        [poor, 'Thất bại', 'tài khoản MoMo không đủ số dư'],
        [refused, 'Thất bại', 'MoMo từ chối giao dịch (mã lỗi 1002)'],
        [cancelled, 'Đã huỷ', 'bạn đã huỷ giao dịch'],
      ] as const;
      for (const [snapshot, status, sentence] of expectations) {
        const row = historyRow(page, snapshot.transactionId).locator('[data-status]');
        await expect.poll(() => row.textContent()).toContain(status);
        await expect
          .poll(() => notice(page, snapshot.transactionId).textContent())
          .toContain(sentence);
      }
      expect(await historyRow(page, poor.transactionId).textContent()).toContain(
        'tài khoản MoMo không đủ số dư',
      );
      expect(await historyRow(page, refused.transactionId).textContent()).toContain(
        'MoMo từ chối giao dịch (mã lỗi 1002)',
      );
      const shown = (await page.locator('main').textContent()) ?? '';
      expect(shown).not.toMatch(RAW_REASONS);

      await page.getByRole('button', { name: 'English' }).click();
      const declinedRow = historyRow(page, declined.transactionId).locator('[data-status]');
      await expect.poll(() => declinedRow.textContent()).toContain('Declined');
      expect(await notice(page, poor.transactionId).textContent()).toContain(
        'not enough money in your MoMo account',
      );
      expect((await page.locator('main').textContent()) ?? '').not.toMatch(RAW_CODES);
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(!e2eReady('react-wallet'))('wallet page: an expired QR reads as expired', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ serverConfig: { depositTtlMs: 3000 } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('says "Hết hạn" in the history and the notice, not "Thất bại", and offers no reopen', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('quang'));
      const expiring = await deposit(page, 60_000);
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('timer').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Mở lại mã QR' }).waitFor();

      const status = historyRow(page, expiring.transactionId).locator('[data-status]');
      await expect
        .poll(() => status.getAttribute('data-status'), { timeout: 20_000 })
        .toBe('failed');
      expect(await status.textContent()).toContain('Hết hạn');
      expect(await status.textContent()).not.toContain('Thất bại');
      await expect
        .poll(() => notice(page, expiring.transactionId).textContent())
        .toContain('mã QR đã hết hạn');
      expect(await page.getByRole('button', { name: 'Mở lại mã QR' }).count()).toBe(0);
      expect((await page.locator('main').textContent()) ?? '').not.toMatch(RAW_REASONS);
    } finally {
      await context.close();
    }
  });
});
