import { PaymentSocketClient, type TransactionWatch } from '@paysocket/client';
import {
  API_PATHS,
  MOMO_MAX_AMOUNT,
  MOMO_MIN_AMOUNT,
  isValidMomoAmount,
  parseVndAmount,
  type TransactionSnapshot,
  type VndAmountProblem,
  type Wallet,
} from '@paysocket/protocol';
import QRCode from 'qrcode';

const $ = <T extends HTMLElement>(id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
};

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

// The page is served on the backend's origin (vite.config.ts), so cookies just work.
const client = new PaymentSocketClient({
  url: location.origin,
  auth: 'cookie',
  autoConnect: false,
});

async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message;
    throw new Error(message ?? `HTTP ${response.status}`);
  }
  return json as T;
}

const AMOUNT_PROBLEMS: Record<VndAmountProblem, string> = {
  empty: 'Nhập số tiền.',
  negative: 'Số tiền phải lớn hơn 0.',
  decimal: 'VND không có phần thập phân. Nhập số nguyên, ví dụ 100.000 hoặc 100000.',
  not_a_number: 'Chỉ nhập chữ số, ví dụ 100.000 hoặc 100000.',
};

/** Why a payment did not go through, in words (the server's reason codes are for code). */
function describeReason(reason: string | undefined): string {
  const code = /^momo_(\w+)$/.exec(reason ?? '')?.[1];
  if (code) return `MoMo từ chối giao dịch (mã lỗi ${code})`;
  switch (reason) {
    case 'declined':
      return 'bạn đã từ chối trong ứng dụng MoMo';
    case 'user_cancelled':
      return 'bạn đã huỷ giao dịch';
    case 'merchant_cancelled':
      return 'cửa hàng đã huỷ giao dịch';
    case 'expired':
      return 'mã QR đã hết hạn';
    case 'insufficient_funds':
      return 'tài khoản MoMo không đủ số dư';
    default:
      return 'lỗi không xác định';
  }
}

function showError(error: unknown) {
  $('error').textContent = error instanceof Error ? error.message : String(error);
}

/** Words and a tone for the coloured dot (a CSS shape: no emoji font needed). */
const CONNECTION: Record<string, { text: string; tone: 'live' | 'pending' | 'down' }> = {
  connected: { text: 'Đã kết nối', tone: 'live' },
  connecting: { text: 'Đang kết nối…', tone: 'pending' },
  reconnecting: { text: 'Mất kết nối, đang kết nối lại…', tone: 'pending' },
  offline: { text: 'Không có mạng. Sẽ kết nối lại khi có mạng.', tone: 'pending' },
  unauthorized: { text: 'Phiên đăng nhập đã hết hạn', tone: 'down' },
  failed: { text: 'Không kết nối được máy chủ', tone: 'down' },
};
client.subscribe(() => {
  const connection = CONNECTION[client.getState().status];
  $('connection').textContent = connection?.text ?? 'Chưa đăng nhập';
  $('connection').dataset.tone = connection?.tone ?? 'idle';
});

client.on('deposit_completed', (event) => {
  $('balance').textContent = vnd.format(event.newBalance);
});

let watch: TransactionWatch | null = null;

async function showDeposit(deposit: TransactionSnapshot) {
  const target = deposit.qrCodeData ?? deposit.paymentUrl ?? '';
  $('qr').innerHTML = await QRCode.toString(target, { type: 'svg', margin: 1 });
  $('qr')
    .querySelector('svg')
    ?.setAttribute('aria-label', `Mã QR thanh toán ${vnd.format(deposit.amount)}`);
  $('qr').querySelector('svg')?.setAttribute('role', 'img');
  $<HTMLAnchorElement>('pay-link').href = deposit.paymentUrl ?? target;
  $('result').textContent = 'Đang lắng nghe thanh toán…';
  $('payment').hidden = false;

  watch?.cancel();
  watch = client.watchTransaction(deposit.transactionId);
  const outcome = await watch;
  if (outcome.status === 'completed') {
    // A completion found by a look-up may come without the event; the wallet then knows.
    const newBalance =
      outcome.event?.type === 'deposit_completed'
        ? outcome.event.newBalance
        : (await api<Wallet>(API_PATHS.wallet)).balance;
    $('balance').textContent = vnd.format(newBalance);
    $('result').textContent = `Nạp tiền thành công! Số dư mới: ${vnd.format(newBalance)}`;
  } else if (outcome.status !== 'aborted') {
    $('result').textContent = `Thanh toán không thành công: ${describeReason(outcome.reason)}.`;
  }
}

$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  const userId = $<HTMLInputElement>('user-id').value.trim();
  void (async () => {
    try {
      await api(API_PATHS.login, { userId });
      const wallet = await api<Wallet>(API_PATHS.wallet);
      $('balance').textContent = vnd.format(wallet.balance);
      client.setUser(wallet.userId);
      $('sign-in').hidden = true;
      $('wallet').hidden = false;
    } catch (error) {
      showError(error);
    }
  })();
});

$('deposit').addEventListener('submit', (event) => {
  event.preventDefault();
  // What is typed is what is charged: `100.000` is 100000, `100.000,00` is refused.
  const parsed = parseVndAmount($<HTMLInputElement>('amount').value);
  if (!parsed.ok) {
    showError(AMOUNT_PROBLEMS[parsed.problem]);
    return;
  }
  if (!isValidMomoAmount(parsed.amount)) {
    showError(`Số tiền phải từ ${vnd.format(MOMO_MIN_AMOUNT)} đến ${vnd.format(MOMO_MAX_AMOUNT)}.`);
    return;
  }
  const amount = parsed.amount;
  void (async () => {
    try {
      $('error').textContent = '';
      await showDeposit(
        await api<TransactionSnapshot>(API_PATHS.deposit, { amount, provider: 'momo' }),
      );
    } catch (error) {
      showError(error);
    }
  })();
});
