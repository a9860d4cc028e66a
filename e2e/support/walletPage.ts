import { API_PATHS, type TransactionSnapshot } from '@paysocket/protocol';
import { signMomoIpn, type MomoIpnSignedValues } from '@paysocket/server';
import type { Page } from 'playwright-core';
import { TEST_MOMO, type Stack } from './startStack';

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
/** The page's own formatting of an amount (`100.000 ₫`). */
export const formatVnd = (amount: number) => vnd.format(amount);

/** Signs in through the page's form. */
export async function signIn(page: Page, userId: string): Promise<void> {
  await page.getByLabel('Mã người dùng').fill(userId);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('user-id').filter({ hasText: userId }).waitFor();
}

/** The deposit the page creates when `act` submits the deposit form. */
export async function captureDeposit(
  page: Page,
  act: () => Promise<void>,
): Promise<TransactionSnapshot> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === API_PATHS.deposit,
    ),
    act(),
  ]);
  return (await response.json()) as TransactionSnapshot;
}

/** Types an amount and submits the deposit form; resolves with the created deposit. */
export async function deposit(page: Page, amount: number): Promise<TransactionSnapshot> {
  await page.getByLabel('Số tiền (VND)', { exact: true }).fill(String(amount));
  return captureDeposit(page, () =>
    page.getByRole('button', { name: 'Nạp tiền', exact: true }).click(),
  );
}

/**
 * Opens the QR's target in the phone's own context, as a scan would, and presses Pay or
 * Decline there; resolves with when the page sent the form (ms since the epoch).
 */
export async function actOnFakeMomo(
  stack: Stack,
  snapshot: TransactionSnapshot,
  action: 'pay' | 'decline',
): Promise<number> {
  const page = await stack.openPhonePage();
  try {
    await page.goto(snapshot.qrCodeData ?? snapshot.paymentUrl ?? '');
    const button = page.getByRole('button', {
      name: action === 'pay' ? 'Thanh toán' : 'Từ chối',
      exact: true,
    });
    let sentAt = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST') sentAt = Date.now();
    });
    const answered = page.waitForResponse((r) => r.request().method() === 'POST');
    await button.click();
    const response = await answered;
    if (!response.ok()) throw new Error(`fake MoMo page answered ${response.status()}`);
    // Closing a page while the form's result page is still loading can leave `close()`
    // waiting forever in Chromium; let that navigation finish first.
    await page.waitForLoadState('load');
    return sentAt;
  } finally {
    await page.close();
  }
}

/** An IPN for `snapshot` as MoMo would send it, signed with the test merchant's secret. */
export function momoIpn(
  snapshot: TransactionSnapshot,
  resultCode: number,
  secretKey: string = TEST_MOMO.secretKey,
): Record<string, unknown> {
  const values: MomoIpnSignedValues = {
    partnerCode: TEST_MOMO.partnerCode,
    orderId: snapshot.transactionId,
    requestId: `${snapshot.transactionId}-${resultCode}`,
    amount: snapshot.amount,
    orderInfo: `Nạp ${formatVnd(snapshot.amount)} vào ví`,
    orderType: 'momo_wallet',
    transId: 4_000_000_000 + Math.floor(Math.random() * 1_000_000),
    resultCode,
    message: resultCode === 0 ? 'Thành công.' : 'Giao dịch chưa hoàn tất.',
    payType: 'qr',
    responseTime: Date.now(),
    extraData: '',
  };
  return {
    ...values,
    signature: signMomoIpn(values, { accessKey: TEST_MOMO.accessKey, secretKey }),
  };
}

/** POSTs an IPN to the mock server's callback, as MoMo's servers do; returns the status. */
export async function sendIpn(serverUrl: string, body: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${serverUrl}${API_PATHS.momoCallback}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Starts watching the page for `text` inside the dialog; the returned function resolves
 * with the page's clock (ms since the epoch) at the mutation that made it appear.
 */
export async function watchDialogText(page: Page, text: string): Promise<() => Promise<number>> {
  const key = `__seen_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ([wanted, slot]) => {
      const seen = new Promise<number>((resolve) => {
        const check = () => {
          const dialog = document.querySelector('[role="dialog"]');
          if (dialog?.textContent?.includes(wanted)) {
            observer.disconnect();
            resolve(Date.now());
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        check();
      });
      (window as unknown as Record<string, Promise<number>>)[slot] = seen;
    },
    [text, key] as const,
  );
  return () =>
    page.evaluate(
      (slot) => (window as unknown as Record<string, Promise<number>>)[slot] as Promise<number>,
      key,
    );
}
