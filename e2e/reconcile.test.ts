import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eReady } from './support/paths';
import { startStack, type Stack } from './support/startStack';
import { actOnFakeMomo, deposit, formatVnd, signIn, watchDialogText } from './support/walletPage';

/** Short, so the test does not wait the default 30 s for the first query. */
const RECONCILE_AFTER_SECONDS = 2;

describe.skipIf(!e2eReady('react-wallet'))('wallet page: a lost IPN is reconciled', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      serverEnv: { RECONCILE_AFTER_SECONDS: String(RECONCILE_AFTER_SECONDS) },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('credits a payment whose IPN MoMo never sent, with one deposit_completed:v1', async () => {
    const mode = await fetch(`${stack.serverUrl}/mock-momo/dev/ipn-mode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'drop' }),
    });
    expect(mode.status).toBeLessThan(300);

    const { context, page } = await stack.openWallet();
    try {
      const frames: string[] = [];
      page.on('websocket', (socket) => {
        socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
      });
      await signIn(page, `lan-${Math.random().toString(36).slice(2, 8)}`);
      const snapshot = await deposit(page, 150_000);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();

      const successSeen = await watchDialogText(page, 'Nạp tiền thành công');
      await actOnFakeMomo(stack, snapshot, 'pay');
      const seenAt = await successSeen();
      // No IPN came: only the query at RECONCILE_AFTER_SECONDS can have credited it.
      expect(seenAt - Date.parse(snapshot.createdAt)).toBeGreaterThanOrEqual(
        RECONCILE_AFTER_SECONDS * 1000,
      );

      await expect.poll(() => page.getByTestId('balance').textContent()).toBe(formatVnd(150_000));
      const row = page.locator(`tr[data-transaction-id="${snapshot.transactionId}"]`);
      await expect
        .poll(() => row.locator('[data-status]').getAttribute('data-status'))
        .toBe('completed');

      const metrics = (await (await fetch(`${stack.serverUrl}/metrics`)).json()) as Record<
        string,
        number
      >;
      expect(metrics).toMatchObject({ ipnReceived: 0, reconcileCredited: 1 });
      expect(metrics.reconcileQueries).toBeGreaterThanOrEqual(1);

      // Later queries are not made for a completed deposit, and none of them emits again:
      // wait past two more schedule points before counting.
      await new Promise((resolve) => setTimeout(resolve, RECONCILE_AFTER_SECONDS * 3 * 1000));
      const completions = frames.filter(
        (frame) =>
          frame.includes('"deposit_completed:v1"') && frame.includes(snapshot.transactionId),
      );
      expect(completions).toHaveLength(1);
      expect(
        await page.locator(`.feed li[data-transaction-id="${snapshot.transactionId}"]`).count(),
      ).toBe(1);
    } finally {
      await context.close();
    }
  });
});
