import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { TransactionSnapshot } from '@paysocket/protocol';
import type { PaymentSocketClient } from '@paysocket/client';
import { DepositQRModal, type DepositQRModalProps } from '@paysocket/react';
import {
  API_URL,
  USER_ID,
  caughtUp,
  eventually,
  flush,
  lookupOf,
  setUpBackendMock,
} from '../support/backendMock';
import { renderWithClient } from '../support/renderWithClient';
import { axeViolations } from './axe';
import { CREATED_AT, pendingDeposit } from './depositFixture';

// Rendering the full dialog in jsdom (and axe on it) is slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 20_000 });

// A heartbeat far longer than any jump of the fake clock, so that the socket stays up across it.
const { backend, createClient, server, lookups } = setUpBackendMock({
  pingIntervalMs: 60 * 60_000,
  pingTimeoutMs: 60 * 60_000,
});
const patience = { timeout: 10_000 };

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A pending 100.000 ₫ deposit of the backend's, as its deposit route answers. */
const liveDeposit = () => backend.createDeposit({ amount: 100_000 });

/** The real client, connected as the backend's user with nothing left to catch up. */
async function connectedClient() {
  const client = createClient();
  client.setUser(USER_ID);
  client.connect();
  await caughtUp(client);
  return client;
}

type AppProps = Partial<DepositQRModalProps> & { initiallyOpen?: boolean };

/** A wallet page: a trigger button and the modal, closed by its own onClose. */
function WalletPage({ initiallyOpen = false, onClose, ...props }: AppProps) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <main>
      <button type="button" onClick={() => setOpen(true)}>
        Nạp tiền
      </button>
      <DepositQRModal
        deposit={pendingDeposit()}
        userId={USER_ID}
        {...props}
        open={open}
        onClose={() => {
          setOpen(false);
          onClose?.();
        }}
      />
    </main>
  );
}

/**
 * A live deposit and the real client caught up, then every timer faked from the moment
 * `timeLeftMs` before the deposit expires on the server clock. The socket connects over real
 * timers first (msw and the client need them), and its `session:v1` has set the client's
 * server clock before the jump.
 */
async function connectedWithTimeLeft(timeLeftMs: number) {
  const client = await connectedClient();
  await eventually(() => expect(client.getState().epoch).not.toBeNull());
  const deposit = liveDeposit();
  vi.useFakeTimers({
    now: Date.parse(deposit.expiresAt!) - timeLeftMs - client.getState().serverTimeOffsetMs,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  return { client, deposit };
}

/** Until the client has the deposit in `status` (the fake clock moves on while it waits). */
function lookedUp(
  client: PaymentSocketClient,
  transactionId: string,
  status: 'pending' | 'completed' = 'pending',
) {
  return act(() =>
    eventually(() => expect(client.getTransaction(transactionId)?.status).toBe(status)),
  );
}

/**
 * Retries `assertion` on the screen while React renders by itself, as Testing Library's
 * waitFor does; its own wrapper settles on a timer, which the fake clock would hold.
 */
async function eventuallyOnScreen(assertion: () => void) {
  const scope = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const previous = scope.IS_REACT_ACT_ENVIRONMENT;
  scope.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    await eventually(assertion);
  } finally {
    scope.IS_REACT_ACT_ENVIRONMENT = previous;
  }
}

const timer = () => screen.getByRole('timer');

describe('dialog anatomy and focus', () => {
  // A minute into the deposit, frozen: only Date is faked, so user-event keeps real timers.
  beforeEach(() => {
    vi.useFakeTimers({ now: CREATED_AT + 60_000, toFake: ['Date'] });
  });

  test('focus moves in, stays trapped on Tab and Shift+Tab, and returns to the trigger', async () => {
    const user = userEvent.setup();
    const client = await connectedClient();
    renderWithClient(<WalletPage deposit={liveDeposit()} onCancel={() => {}} />, client);
    const trigger = screen.getByRole('button', { name: 'Nạp tiền' });
    await user.click(trigger);

    const dialog = screen.getByRole('dialog', { name: 'Quét mã để nạp tiền' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription(
      'Mở ứng dụng MoMo và quét mã QR để nạp 100.000\u00a0₫ vào ví.',
    );
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    // The page behind is hidden from assistive technology while the dialog is open.
    expect(screen.queryByRole('button', { name: 'Nạp tiền' })).toBeNull();

    const visited = new Set<Element>();
    for (let i = 0; i < 12; i++) {
      await user.tab({ shift: i >= 6 });
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
      visited.add(document.activeElement!);
    }
    // Close, copy, save and cancel all took focus in turn ("Open MoMo" shows on phones only).
    expect(
      [...visited].map((element) => element.getAttribute('aria-label') ?? element.textContent),
    ).toEqual(
      expect.arrayContaining([
        'Đóng',
        'Sao chép liên kết thanh toán',
        'Lưu ảnh QR',
        'Huỷ giao dịch',
      ]),
    );
    expect(await axeViolations()).toEqual([]);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    // The dialog hands focus back once it has unmounted.
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  test('the QR image names the action and the amount; the timer and progress bar carry values', async () => {
    const client = createClient();
    renderWithClient(<WalletPage initiallyOpen deposit={liveDeposit()} locale="en" />, client);
    expect(
      screen.getByRole('img', {
        name: 'QR code to pay 100.000\u00a0₫: scan it with the MoMo app to top up',
      }),
    ).toBeInTheDocument();
    const progress = screen.getByRole('progressbar', { name: 'Time left' });
    expect(progress).toHaveAttribute('aria-valuemin', '0');
    expect(progress).toHaveAttribute('aria-valuemax', '100');
    expect(progress.getAttribute('aria-valuetext')).toMatch(/^\d+ min \d+ s left$/);
  });
});

describe('closing is not cancelling', () => {
  // A minute into the deposit, frozen: only Date is faked, so user-event keeps real timers.
  beforeEach(() => {
    vi.useFakeTimers({ now: CREATED_AT + 60_000, toFake: ['Date'] });
  });

  test('Escape hides the dialog, the deposit stays watched and onCompleted still fires', async () => {
    const user = userEvent.setup();
    const client = await connectedClient();
    const deposit = liveDeposit();
    const onCompleted = vi.fn();
    const onClose = vi.fn();
    renderWithClient(
      <WalletPage initiallyOpen deposit={deposit} onCompleted={onCompleted} onClose={onClose} />,
      client,
    );
    expect(
      screen.getByText(
        'Đóng cửa sổ không huỷ giao dịch: nếu bạn đã thanh toán, tiền vẫn được cộng vào ví.',
      ),
    ).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();

    const event = backend.completeDeposit(deposit.transactionId);
    await waitFor(() => expect(onCompleted).toHaveBeenCalled(), patience);
    await flush(backend, client);
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(onCompleted).toHaveBeenCalledWith(expect.objectContaining({ ...event }));

    await user.click(screen.getByRole('button', { name: 'Nạp tiền' }));
    const dialog = screen.getByRole('dialog', { name: 'Nạp tiền thành công' });
    expect(dialog).toHaveAttribute('data-state', 'success');
    expect(dialog).toHaveAccessibleDescription(
      'Đã cộng 100.000\u00a0₫ vào ví. Số dư mới: 100.000\u00a0₫.',
    );
  });

  test('the close button closes without cancelling; cancel needs a confirmation', async () => {
    const user = userEvent.setup();
    const client = await connectedClient();
    const deposit = liveDeposit();
    const onCancel = vi.fn();
    const onClose = vi.fn();
    renderWithClient(
      <WalletPage initiallyOpen deposit={deposit} onCancel={onCancel} onClose={onClose} />,
      client,
    );

    await user.click(screen.getByRole('button', { name: 'Huỷ giao dịch' }));
    expect(screen.getByText('Huỷ giao dịch này? Mã QR sẽ không dùng được nữa.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Tiếp tục thanh toán' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Tiếp tục thanh toán' }));
    expect(onCancel).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Huỷ giao dịch' }));
    await user.click(screen.getByRole('button', { name: 'Có, huỷ giao dịch' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onClose).not.toHaveBeenCalled();

    // The app's cancel call reached the server.
    backend.cancelDeposit(deposit.transactionId, 'user_cancelled');
    expect(
      await screen.findByRole('dialog', { name: 'Giao dịch đã bị huỷ' }, patience),
    ).toHaveAttribute('data-state', 'cancelled');

    // The result's own close action (the dialog's × is also named "Đóng").
    await user.click(screen.getAllByRole('button', { name: 'Đóng' }).at(-1)!);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

/**
 * The real client, never connected, that learnt the server clock runs `offsetMs` ahead from a
 * look-up of the fixture deposit (the client takes the offset from a snapshot's serverTime).
 */
async function clientWithServerClock(offsetMs: number) {
  const client = createClient({
    lookupTransaction: (transactionId) =>
      Promise.resolve(
        pendingDeposit({
          transactionId,
          serverTime: new Date(Date.now() + offsetMs).toISOString(),
        }),
      ),
  });
  await client.refreshTransaction('MOMO1001');
  expect(client.getState().serverTimeOffsetMs).toBe(offsetMs);
  return client;
}

describe('countdown on the server clock', () => {
  test('counts from expiresAt corrected by the client’s server clock offset, and survives a remount', async () => {
    vi.useFakeTimers({ now: CREATED_AT });
    // The server runs 2 minutes ahead: at local 10:00 it is 10:02 there, so 13 minutes are left.
    const client = await clientWithServerClock(120_000);
    const view = renderWithClient(<WalletPage initiallyOpen />, client);
    expect(timer()).toHaveTextContent('13:00');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '87');

    act(() => vi.advanceTimersByTime(61_000));
    expect(timer()).toHaveTextContent('11:59');
    expect(timer()).toHaveAccessibleName('Còn 11 phút 59 giây');

    // A reload does not restart the countdown: it is computed from expiresAt, not from mount.
    view.unmount();
    act(() => vi.advanceTimersByTime(5 * 60_000));
    renderWithClient(<WalletPage initiallyOpen />, client);
    expect(timer()).toHaveTextContent('06:59');
  });

  test('a throttled background tab catches up from the wall clock when it becomes visible', async () => {
    vi.useFakeTimers({ now: CREATED_AT });
    const client = await clientWithServerClock(1);
    renderWithClient(<WalletPage initiallyOpen />, client);
    expect(timer()).toHaveTextContent('15:00');
    // Five minutes pass with no timer firing (a sleeping laptop, a throttled tab).
    vi.setSystemTime(CREATED_AT + 5 * 60_000);
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(timer()).toHaveTextContent('10:00');
  });

  test('uses the snapshot’s serverTime until the client knows the offset', async () => {
    vi.useFakeTimers({ now: CREATED_AT });
    // The server clock, as the client's next look-up will find it, is a minute behind.
    const client = createClient({
      lookupTransaction: (transactionId) =>
        Promise.resolve(
          pendingDeposit({
            transactionId,
            serverTime: new Date(Date.now() - 60_000).toISOString(),
          }),
        ),
    });
    renderWithClient(
      <WalletPage
        initiallyOpen
        deposit={pendingDeposit({ serverTime: new Date(CREATED_AT + 3 * 60_000).toISOString() })}
      />,
      client,
    );
    expect(timer()).toHaveTextContent('12:00');
    await act(() => client.refreshTransaction('MOMO1001'));
    expect(client.getState().serverTimeOffsetMs).toBe(-60_000);
    expect(timer()).toHaveTextContent('16:00');
  });

  test('announces the time left every 3 minutes, each minute under 5, every 30 s under 1', async () => {
    const { client, deposit } = await connectedWithTimeLeft(10 * 60_000);
    renderWithClient(<WalletPage initiallyOpen deposit={deposit} />, client);
    await lookedUp(client, deposit.transactionId);
    const mountLookups = lookups.length;
    const polite = document.querySelector('[aria-live="polite"]')!;
    const heard: string[] = [polite.textContent!];
    // Every cadence boundary is a multiple of 10 s, so 10 s steps hear every change.
    for (let step = 0; step < 60; step++) {
      act(() => vi.advanceTimersByTime(10_000));
      const text = polite.textContent!;
      if (text !== heard.at(-1)) heard.push(text);
    }
    // At zero, the client's last look-up; its answer (still pending) makes it a silent result.
    await eventuallyOnScreen(() => expect(polite.textContent).toBe(''));
    heard.push(polite.textContent!);
    expect(heard).toEqual([
      'Còn 10 phút để thanh toán',
      'Còn 9 phút để thanh toán',
      'Còn 6 phút để thanh toán',
      'Còn 5 phút để thanh toán',
      'Còn 4 phút để thanh toán',
      'Còn 3 phút để thanh toán',
      'Còn 2 phút để thanh toán',
      'Còn 1 phút để thanh toán',
      'Còn 30 giây để thanh toán',
      'Đang kiểm tra giao dịch…',
      '',
    ]);
    expect(lookups.slice(mountLookups)).toEqual([lookupOf(deposit.transactionId)]);
  });
});

describe('expiry', () => {
  /** Two seconds before the deposit expires. */
  const nearlyExpired = () => connectedWithTimeLeft(2_000);

  test('at zero it looks the deposit up once more before showing expired', async () => {
    const { client, deposit } = await nearlyExpired();
    let answer!: (snapshot: TransactionSnapshot | null) => void;
    const lookupTransaction = vi.fn(
      () => new Promise<TransactionSnapshot | null>((resolve) => (answer = resolve)),
    );
    const onExpired = vi.fn();
    renderWithClient(
      <WalletPage
        initiallyOpen
        deposit={deposit}
        lookupTransaction={lookupTransaction}
        onExpired={onExpired}
      />,
      client,
    );
    await lookedUp(client, deposit.transactionId);
    expect(lookupTransaction).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByRole('dialog')).toHaveAttribute('data-state', 'checking');
    expect(lookupTransaction).toHaveBeenCalledExactlyOnceWith(deposit.transactionId);
    expect(onExpired).not.toHaveBeenCalled();

    // The app's backend still has it pending.
    await act(async () => answer(backend.getTransaction(deposit.transactionId)!));
    const dialog = screen.getByRole('dialog', { name: 'Mã QR đã hết hạn' });
    expect(dialog).toHaveAttribute('data-state', 'expired');
    expect(onExpired).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(60_000));
    expect(lookupTransaction).toHaveBeenCalledTimes(1);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  test('a payment the last look-up finds shows success and reaches onCompleted, not onExpired', async () => {
    const { client, deposit } = await nearlyExpired();
    const { transactionId } = deposit;
    // MoMo paid in the last second: the app's look-up finds it paid as its push sets off,
    // and the client's own look-up confirms it.
    const lookupTransaction = vi.fn((id: string) => {
      backend.completeDeposit(id, { providerTransactionId: 'momo-77' });
      return Promise.resolve(backend.getTransaction(id) ?? null);
    });
    const onCompleted = vi.fn();
    const onExpired = vi.fn();
    renderWithClient(
      <WalletPage
        initiallyOpen
        deposit={deposit}
        lookupTransaction={lookupTransaction}
        onCompleted={onCompleted}
        onExpired={onExpired}
      />,
      client,
    );
    await lookedUp(client, transactionId);
    act(() => vi.advanceTimersByTime(2_000));
    expect(lookupTransaction).toHaveBeenCalledExactlyOnceWith(transactionId);
    await lookedUp(client, transactionId, 'completed');
    const dialog = screen.getByRole('dialog', { name: 'Nạp tiền thành công' });
    expect(dialog).toHaveAccessibleDescription(
      'Đã cộng 100.000\u00a0₫ vào ví. Số dư mới: 100.000\u00a0₫.',
    );
    expect(lookups).toContain(lookupOf(transactionId));
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(onCompleted.mock.calls[0]![0]).toMatchObject({
      type: 'deposit_completed',
      transactionId,
      amount: 100_000,
      newBalance: 100_000,
      providerTransactionId: 'momo-77',
    });
    // The same completion arriving from the socket as well is not reported twice.
    await act(() => flush(backend, client));
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(onExpired).not.toHaveBeenCalled();
  });

  test("without lookupTransaction the last look-up is the client's own", async () => {
    const { client, deposit } = await nearlyExpired();
    const { transactionId } = deposit;
    // Paid at the last moment, and its push never came: only a look-up at zero can tell.
    server.use(
      http.get(`${API_URL}/api/v1/payment/transactions/:id`, () => {
        if (Date.now() < Date.parse(deposit.expiresAt!)) return;
        return HttpResponse.json({
          ...deposit,
          status: 'completed',
          newBalance: 700_000,
          providerTransactionId: 'momo-78',
          updatedAt: new Date().toISOString(),
          serverTime: new Date().toISOString(),
        } satisfies TransactionSnapshot);
      }),
    );
    const onCompleted = vi.fn();
    const onExpired = vi.fn();
    renderWithClient(
      <WalletPage
        initiallyOpen
        deposit={deposit}
        onCompleted={onCompleted}
        onExpired={onExpired}
      />,
      client,
    );
    await lookedUp(client, transactionId);
    const mountLookups = lookups.length;
    expect(screen.getByRole('dialog')).toHaveAttribute('data-state', 'waiting');

    act(() => vi.advanceTimersByTime(2_000));
    await lookedUp(client, transactionId, 'completed');
    const dialog = screen.getByRole('dialog', { name: 'Nạp tiền thành công' });
    expect(lookups.slice(mountLookups)).toEqual([lookupOf(transactionId)]);
    expect(dialog).toHaveAccessibleDescription(
      'Đã cộng 100.000\u00a0₫ vào ví. Số dư mới: 700.000\u00a0₫.',
    );
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(onExpired).not.toHaveBeenCalled();
  });

  test('a late success after expiry turns the dialog into success', async () => {
    vi.useFakeTimers({ now: CREATED_AT + 60_000, toFake: ['Date'] });
    const user = userEvent.setup();
    const client = await connectedClient();
    const deposit = liveDeposit();
    const onRetry = vi.fn();
    const onCompleted = vi.fn();
    renderWithClient(
      <WalletPage initiallyOpen deposit={deposit} onRetry={onRetry} onCompleted={onCompleted} />,
      client,
    );
    backend.expireDeposit(deposit.transactionId);
    const dialog = await screen.findByRole('dialog', { name: 'Mã QR đã hết hạn' }, patience);
    expect(screen.getByRole('button', { name: 'Tạo mã QR mới' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Tạo mã QR mới' }));
    expect(onRetry).toHaveBeenCalledTimes(1);

    backend.completeDeposit(deposit.transactionId);
    await waitFor(() => expect(dialog).toHaveAttribute('data-state', 'success'), patience);
    expect(dialog).toHaveAccessibleDescription(
      'Đã cộng 100.000\u00a0₫ vào ví. Số dư mới: 100.000\u00a0₫.',
    );
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(within(dialog).getByRole('button', { name: 'Xong' })).toHaveFocus();
  });
});

describe('driven by the hooks', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: CREATED_AT + 60_000, toFake: ['Date'] });
  });

  test('shows "reconnecting…" while the connection is down, and live again after', async () => {
    // Retries after a second, so the client stays away long enough to be seen away.
    const client = createClient({ reconnect: { initialDelayMs: 1_000, maxDelayMs: 1_000 } });
    renderWithClient(<WalletPage initiallyOpen deposit={liveDeposit()} />, client);
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAttribute('data-state', 'connecting');
    expect(dialog).toHaveTextContent('Đang kết nối…');

    await waitFor(() => expect(dialog).toHaveAttribute('data-connection', 'live'), patience);
    expect(dialog).toHaveAttribute('data-state', 'waiting');

    backend.dropConnection();
    await waitFor(
      () => expect(dialog).toHaveAttribute('data-connection', 'reconnecting'),
      patience,
    );
    expect(dialog).toHaveAttribute('data-state', 'waiting');
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent(
      'Mất kết nối, đang kết nối lại…',
    );
    // The QR stays payable while the socket is away.
    expect(screen.getByRole('img', { name: /^Mã QR thanh toán/ })).toBeInTheDocument();

    await waitFor(() => expect(dialog).toHaveAttribute('data-connection', 'live'), patience);
  });

  test('a completion the client caught up before the modal mounted (a reload) lands as success', async () => {
    const client = await connectedClient();
    const deposit = liveDeposit();
    backend.completeDeposit(deposit.transactionId);
    await waitFor(
      () => expect(client.getTransaction(deposit.transactionId)?.status).toBe('completed'),
      patience,
    );
    const onCompleted = vi.fn();
    renderWithClient(
      <WalletPage initiallyOpen deposit={deposit} onCompleted={onCompleted} />,
      client,
    );
    expect(screen.getByRole('dialog', { name: 'Nạp tiền thành công' })).toHaveAccessibleDescription(
      'Đã cộng 100.000\u00a0₫ vào ví. Số dư mới: 100.000\u00a0₫.',
    );
    expect(onCompleted).toHaveBeenCalledTimes(1);
  });

  test('"Copy payment link" puts the payment URL on the clipboard and says so politely', async () => {
    const user = userEvent.setup();
    const client = await connectedClient();
    const deposit = liveDeposit();
    renderWithClient(<WalletPage initiallyOpen deposit={deposit} />, client);
    await user.click(screen.getByRole('button', { name: 'Sao chép liên kết thanh toán' }));
    expect(await navigator.clipboard.readText()).toBe(deposit.paymentUrl);
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent(
      'Đã sao chép liên kết thanh toán',
    );
  });
});
