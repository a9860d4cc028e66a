import { API_PATHS } from '@paysocket/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eReady, stackBackends } from './support/paths';
import { startStack, type Stack } from './support/startStack';
import {
  actOnFakeMomo,
  deposit,
  formatVnd,
  momoIpn,
  sendIpn,
  signIn,
  watchDialogText,
} from './support/walletPage';

const uniqueUser = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;

/** The same spec against each backend: the mock server, then the NestJS example. */
const eachBackend = describe.skipIf(!e2eReady('react-wallet')).each(stackBackends());

eachBackend('wallet page (backend: %s): deposit with MoMo', (backend) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ backend });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows the QR and countdown, then success and the new balance once the fake MoMo page is paid', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('alice'));
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe(formatVnd(0));

      const snapshot = await deposit(page, 100_000);
      expect(snapshot).toMatchObject({ type: 'deposit', status: 'pending', amount: 100_000 });
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.getByRole('timer').count()).toBe(1);
      await expect
        .poll(() => dialog.getByRole('img', { name: /Mã QR thanh toán 100\.000/ }).count())
        .toBe(1);
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();

      const successSeen = await watchDialogText(page, 'Nạp tiền thành công');
      const sentAt = await actOnFakeMomo(stack, snapshot, 'pay');
      const seenAt = await successSeen();
      console.log(
        `fake MoMo "pay" form sent -> IPN -> success text on the wallet page: ${seenAt - sentAt} ms`,
      );

      await dialog
        .getByText(`Số dư mới: ${formatVnd(100_000)}`)
        .first()
        .waitFor();
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe(formatVnd(100_000));
      const row = page.locator(`tr[data-transaction-id="${snapshot.transactionId}"]`);
      await expect
        .poll(() => row.locator('[data-status]').getAttribute('data-status'))
        .toBe('completed');
      await expect
        .poll(() =>
          page.locator(`.feed li[data-transaction-id="${snapshot.transactionId}"]`).count(),
        )
        .toBe(1);
    } finally {
      await context.close();
    }
  });

  it('shows "declined" when the payment is declined in the MoMo app, and the balance stays', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('dave'));
      const snapshot = await deposit(page, 50_000);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();

      await actOnFakeMomo(stack, snapshot, 'decline');

      await dialog.getByRole('heading', { name: 'Bạn đã từ chối thanh toán' }).waitFor();
      const row = page.locator(`tr[data-transaction-id="${snapshot.transactionId}"]`);
      await expect
        .poll(() => row.locator('[data-status]').getAttribute('data-status'))
        .toBe('cancelled');
      expect(await page.getByTestId('balance').textContent()).toBe(formatVnd(0));
    } finally {
      await context.close();
    }
  });

  it('a forged IPN changes nothing on screen', async () => {
    const { context, page } = await stack.openWallet();
    try {
      await signIn(page, uniqueUser('erin'));
      const snapshot = await deposit(page, 200_000);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();

      const forged = momoIpn(snapshot, 0, 'a-secret-the-attacker-guessed');
      expect(await sendIpn(stack.serverUrl, forged)).toBeGreaterThanOrEqual(400);
      const inflated = momoIpn({ ...snapshot, amount: 2_000_000 }, 0);
      expect(await sendIpn(stack.serverUrl, inflated)).toBeGreaterThanOrEqual(400);

      // A genuine "still pending" IPN afterwards: events reach a user in order, so once
      // its update is on screen, anything the forged IPNs had caused would be too.
      expect(await sendIpn(stack.serverUrl, momoIpn(snapshot, 1000))).toBe(204);
      const feed = page.locator(`.feed li[data-transaction-id="${snapshot.transactionId}"]`);
      await expect.poll(() => feed.count()).toBe(1);

      expect(await dialog.getByText('Đang lắng nghe thanh toán…').count()).toBe(1);
      expect(await dialog.getByRole('heading', { name: 'Nạp tiền thành công' }).count()).toBe(0);
      expect(await page.getByTestId('balance').textContent()).toBe(formatVnd(0));
      const row = page.locator(`tr[data-transaction-id="${snapshot.transactionId}"]`);
      expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('pending');
    } finally {
      await context.close();
    }
  });

  it('a second user signed in elsewhere sees none of the first user events', async () => {
    const alice = await stack.openWallet();
    const bob = await stack.openWallet();
    try {
      const aliceId = uniqueUser('alice');
      const bobId = uniqueUser('bob');
      await signIn(alice.page, aliceId);
      const framesToBob: string[] = [];
      bob.page.on('websocket', (socket) => {
        socket.on('framereceived', (frame) => framesToBob.push(String(frame.payload)));
      });
      await signIn(bob.page, bobId);

      const aliceDeposit = await deposit(alice.page, 300_000);
      const aliceDialog = alice.page.getByRole('dialog');
      await aliceDialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      const successSeen = await watchDialogText(alice.page, 'Nạp tiền thành công');
      const ipnSentAt = Date.now();
      expect(await sendIpn(stack.serverUrl, momoIpn(aliceDeposit, 0))).toBe(204);
      const seenAt = await successSeen();
      console.log(
        `signed IPN request -> success text on the wallet page: ${seenAt - ipnSentAt} ms`,
      );
      await expect
        .poll(() => alice.page.getByTestId('balance').textContent())
        .toBe(formatVnd(300_000));

      // Bob's own deposit afterwards is the barrier: once it is on his screen, anything
      // sent to him before it would have arrived too.
      const bobDeposit = await deposit(bob.page, 10_000);
      expect(await sendIpn(stack.serverUrl, momoIpn(bobDeposit, 0))).toBe(204);
      await bob.page
        .getByRole('dialog')
        .getByRole('heading', { name: 'Nạp tiền thành công' })
        .waitFor();

      await expect
        .poll(() => bob.page.getByTestId('balance').textContent())
        .toBe(formatVnd(10_000));
      const bobFeed = bob.page.locator('.feed li');
      expect(await bobFeed.count()).toBe(1);
      expect(await bobFeed.first().getAttribute('data-transaction-id')).toBe(
        bobDeposit.transactionId,
      );
      expect(framesToBob.some((frame) => frame.includes(bobDeposit.transactionId))).toBe(true);
      expect(framesToBob.filter((frame) => frame.includes(aliceDeposit.transactionId))).toEqual([]);
      expect(
        await bob.page.locator(`[data-transaction-id="${aliceDeposit.transactionId}"]`).count(),
      ).toBe(0);

      const peek = await bob.context.request.get(API_PATHS.transaction(aliceDeposit.transactionId));
      expect(peek.status()).toBe(404);
    } finally {
      await Promise.all([alice.context.close(), bob.context.close()]);
    }
  });

  it('works the same when the page is opened on localhost instead of 127.0.0.1', async () => {
    const context = await stack.browser.newContext({
      baseURL: stack.pageUrl.replace('127.0.0.1', 'localhost'),
      // The page speaks the browser's language; these steps are written in Vietnamese.
      locale: 'vi-VN',
    });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await signIn(page, uniqueUser('hoa'));
      const snapshot = await deposit(page, 80_000);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Đang lắng nghe thanh toán…').waitFor();
      expect(await sendIpn(stack.serverUrl, momoIpn(snapshot, 0))).toBe(204);
      await dialog
        .getByText(`Số dư mới: ${formatVnd(80_000)}`)
        .first()
        .waitFor();
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe(formatVnd(80_000));
    } finally {
      await context.close();
    }
  });
});
