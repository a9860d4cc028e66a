import type { ConnectionStatus } from '@paysocket/client';
import type { TransactionStatus, TransactionType, VndAmountProblem } from '@paysocket/protocol';
import { formatVnd } from './formatVnd';

export type WalletLocale = 'vi' | 'en';

/** What the connection indicator says; `listening` is connected while a QR waits. */
export type ConnectionWording = ConnectionStatus | 'listening';

/** Every sentence of the wallet page, in one language. */
export interface WalletMessages {
  /** BCP 47 tag for dates and times (amounts are always written the Vietnamese way). */
  dateLocale: string;
  pageTitle: string;
  heading: string;
  loading: string;
  /** The switch to the other language, written in that language. */
  otherLanguage: { locale: WalletLocale; name: string };
  signInTitle: string;
  userIdLabel: string;
  signIn: string;
  userIdRequired: string;
  balance: string;
  user: string;
  signOut: string;
  connection: Record<ConnectionWording, string>;
  unreachable: string;
  sessionExpired: string;
  depositTitle: string;
  presets: string;
  amountLabel: string;
  amountRange: (min: number, max: number) => string;
  amountProblem: Record<VndAmountProblem, string>;
  amountOutOfRange: (min: number, max: number) => string;
  deposit: string;
  withdrawTitle: string;
  withdrawLabel: string;
  withdraw: string;
  withdrawing: string;
  notEnoughBalance: (balance: number) => string;
  withdrawn: (amount: number, newBalance: number) => string;
  withdrawFailed: (reason: string | undefined) => string;
  pendingTitle: string;
  pendingDeposit: (amount: number, expiresAt: string) => string;
  reopenQr: string;
  historyTitle: string;
  noHistory: string;
  columns: { time: string; type: string; amount: string; status: string };
  type: Record<TransactionType, string>;
  status: Record<TransactionStatus, string>;
  expired: string;
  declined: string;
  showMore: string;
  feedTitle: string;
  noFeed: string;
  depositCompleted: (amount: number, newBalance: number) => string;
  withdrawalCompleted: (amount: number, newBalance: number) => string;
  /** A status update about a deposit or withdrawal of `amount`. */
  statusUpdate: (
    type: TransactionType,
    amount: number,
    status: TransactionStatus,
    reason: string | undefined,
  ) => string;
  /** Why a transaction failed or was cancelled, in words: never the raw code. */
  reason: (reason: string | undefined) => string | null;
}

const momoCode = (reason: string | undefined) => /^momo_(\w+)$/.exec(reason ?? '')?.[1];

/** Failed expired and cancelled declined have words of their own; the rest say status + why. */
export function statusWord(
  m: WalletMessages,
  status: TransactionStatus,
  reason: string | undefined,
): string {
  if (status === 'failed' && reason === 'expired') return m.expired;
  if (status === 'cancelled' && reason === 'declined') return m.declined;
  return m.status[status];
}

const vi: WalletMessages = {
  dateLocale: 'vi-VN',
  pageTitle: 'Ví paysocket — nạp tiền MoMo',
  heading: 'Ví paysocket',
  loading: 'Đang tải…',
  otherLanguage: { locale: 'en', name: 'English' },
  signInTitle: 'Đăng nhập demo',
  userIdLabel: 'Mã người dùng',
  signIn: 'Đăng nhập',
  userIdRequired: 'Nhập mã người dùng để đăng nhập.',
  balance: 'Số dư',
  user: 'Người dùng:',
  signOut: 'Đăng xuất',
  connection: {
    listening: 'Đang lắng nghe thanh toán…',
    connected: 'Đã kết nối',
    idle: 'Đang kết nối…',
    connecting: 'Đang kết nối…',
    reconnecting: 'Mất kết nối, đang kết nối lại…',
    offline: 'Không có mạng. Sẽ kết nối lại khi có mạng.',
    unauthorized: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
    failed: 'Không kết nối được máy chủ thanh toán.',
    closed: 'Đã ngắt kết nối.',
  },
  unreachable: 'Không kết nối được máy chủ. Kiểm tra máy chủ demo đang chạy rồi thử lại.',
  sessionExpired: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  depositTitle: 'Nạp tiền qua MoMo',
  presets: 'Số tiền gợi ý',
  amountLabel: 'Số tiền (VND)',
  amountRange: (min, max) => `Số nguyên từ ${formatVnd(min)} đến ${formatVnd(max)}.`,
  amountProblem: {
    empty: 'Nhập số tiền.',
    negative: 'Số tiền phải lớn hơn 0.',
    decimal:
      'VND không có phần thập phân. Nhập số nguyên, ví dụ 100.000 hoặc 100000 (dấu chấm chỉ để ngăn cách hàng nghìn).',
    not_a_number: 'Chỉ nhập chữ số, ví dụ 100.000 hoặc 100000.',
  },
  amountOutOfRange: (min, max) => `Số tiền phải từ ${formatVnd(min)} đến ${formatVnd(max)}.`,
  deposit: 'Nạp tiền',
  withdrawTitle: 'Rút tiền',
  withdrawLabel: 'Số tiền rút (VND)',
  withdraw: 'Rút tiền',
  withdrawing: 'Đang xử lý rút tiền…',
  notEnoughBalance: (balance) => `Số dư không đủ: bạn có ${formatVnd(balance)}.`,
  withdrawn: (amount, newBalance) =>
    `Đã rút ${formatVnd(amount)}. Số dư mới: ${formatVnd(newBalance)}`,
  withdrawFailed: (reason) => {
    const why = vi.reason(reason);
    return why ? `Rút tiền không thành công: ${why}.` : 'Rút tiền không thành công.';
  },
  pendingTitle: 'Đang chờ thanh toán',
  pendingDeposit: (amount, expiresAt) => `${formatVnd(amount)}, hết hạn lúc ${expiresAt}`,
  reopenQr: 'Mở lại mã QR',
  historyTitle: 'Lịch sử giao dịch',
  noHistory: 'Chưa có giao dịch nào.',
  columns: { time: 'Thời gian', type: 'Loại', amount: 'Số tiền', status: 'Trạng thái' },
  type: { deposit: 'Nạp tiền', withdrawal: 'Rút tiền' },
  status: {
    pending: 'Đang chờ',
    completed: 'Thành công',
    failed: 'Thất bại',
    cancelled: 'Đã huỷ',
  },
  expired: 'Hết hạn',
  declined: 'Bị từ chối',
  showMore: 'Xem thêm',
  feedTitle: 'Thông báo',
  noFeed: 'Chưa có thông báo nào.',
  depositCompleted: (_amount, newBalance) =>
    `Nạp tiền thành công! Số dư mới: ${formatVnd(newBalance)}`,
  withdrawalCompleted: (amount, newBalance) =>
    `Rút tiền thành công ${formatVnd(amount)}. Số dư mới: ${formatVnd(newBalance)}`,
  statusUpdate: (type, amount, status, reason) => {
    const what = `${type === 'deposit' ? 'Nạp' : 'Rút'} ${formatVnd(amount)}`;
    if (status === 'pending') return `${what}: đang chờ MoMo xác nhận.`;
    if (status === 'completed') return `${what}: thành công.`;
    const why = vi.reason(reason);
    if (reason === 'expired' || reason === 'declined') return `${what}: ${why}.`;
    if (status === 'cancelled') return why ? `${what} đã huỷ: ${why}.` : `${what} đã huỷ.`;
    return why ? `${what} không thành công: ${why}.` : `${what} không thành công.`;
  },
  reason: (reason) => {
    if (!reason) return null;
    const code = momoCode(reason);
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
  },
};

const en: WalletMessages = {
  dateLocale: 'en-GB',
  pageTitle: 'paysocket wallet — MoMo top-up',
  heading: 'paysocket wallet',
  loading: 'Loading…',
  otherLanguage: { locale: 'vi', name: 'Tiếng Việt' },
  signInTitle: 'Demo sign-in',
  userIdLabel: 'User id',
  signIn: 'Sign in',
  userIdRequired: 'Enter a user id to sign in.',
  balance: 'Balance',
  user: 'User:',
  signOut: 'Sign out',
  connection: {
    listening: 'Waiting for your payment…',
    connected: 'Connected',
    idle: 'Connecting…',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost, reconnecting…',
    offline: 'You are offline. We will reconnect when you are back online.',
    unauthorized: 'Your session has expired. Please sign in again.',
    failed: 'Cannot reach the payment server.',
    closed: 'Disconnected.',
  },
  unreachable: 'Cannot reach the server. Check that the demo server is running, then try again.',
  sessionExpired: 'Your session has expired. Please sign in again.',
  depositTitle: 'Top up with MoMo',
  presets: 'Suggested amounts',
  amountLabel: 'Amount',
  amountRange: (min, max) => `Whole dong, from ${formatVnd(min)} to ${formatVnd(max)}.`,
  amountProblem: {
    empty: 'Enter an amount.',
    negative: 'The amount must be more than 0.',
    decimal:
      'VND has no decimals. Type a whole number such as 100.000 or 100000 (dots only group thousands).',
    not_a_number: 'Use digits only, such as 100.000 or 100000.',
  },
  amountOutOfRange: (min, max) =>
    `The amount must be between ${formatVnd(min)} and ${formatVnd(max)}.`,
  deposit: 'Top up',
  withdrawTitle: 'Withdraw',
  withdrawLabel: 'To withdraw (VND)',
  withdraw: 'Withdraw',
  withdrawing: 'Withdrawing…',
  notEnoughBalance: (balance) => `Not enough balance: you have ${formatVnd(balance)}.`,
  withdrawn: (amount, newBalance) =>
    `Withdrew ${formatVnd(amount)}. New balance: ${formatVnd(newBalance)}`,
  withdrawFailed: (reason) => {
    const why = en.reason(reason);
    return why ? `The withdrawal failed: ${why}.` : 'The withdrawal failed.';
  },
  pendingTitle: 'Waiting for payment',
  pendingDeposit: (amount, expiresAt) => `${formatVnd(amount)}, expires at ${expiresAt}`,
  reopenQr: 'Reopen QR',
  historyTitle: 'History',
  noHistory: 'No transactions yet.',
  columns: { time: 'Time', type: 'Type', amount: 'Amount', status: 'Status' },
  type: { deposit: 'Top-up', withdrawal: 'Withdrawal' },
  status: {
    pending: 'Pending',
    completed: 'Completed',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
  expired: 'Expired',
  declined: 'Declined',
  showMore: 'Show more',
  feedTitle: 'Notifications',
  noFeed: 'No notifications yet.',
  depositCompleted: (amount, newBalance) =>
    `Topped up ${formatVnd(amount)}. New balance: ${formatVnd(newBalance)}`,
  withdrawalCompleted: (amount, newBalance) =>
    `Withdrew ${formatVnd(amount)}. New balance: ${formatVnd(newBalance)}`,
  statusUpdate: (type, amount, status, reason) => {
    const what = `${type === 'deposit' ? 'Top-up' : 'Withdrawal'} of ${formatVnd(amount)}`;
    if (status === 'pending') return `${what}: waiting for MoMo to confirm.`;
    if (status === 'completed') return `${what}: completed.`;
    const why = en.reason(reason);
    if (reason === 'expired' || reason === 'declined') return `${what}: ${why}.`;
    if (status === 'cancelled') return why ? `${what} cancelled: ${why}.` : `${what} cancelled.`;
    return why ? `${what} failed: ${why}.` : `${what} failed.`;
  },
  reason: (reason) => {
    if (!reason) return null;
    const code = momoCode(reason);
    if (code) return `MoMo refused the payment (error ${code})`;
    switch (reason) {
      case 'declined':
        return 'you declined it in the MoMo app';
      case 'user_cancelled':
        return 'you cancelled it';
      case 'merchant_cancelled':
        return 'the shop cancelled it';
      case 'expired':
        return 'the QR code expired';
      case 'insufficient_funds':
        return 'not enough money in your MoMo account';
      default:
        return 'an unknown error';
    }
  },
};

export const MESSAGES: Record<WalletLocale, WalletMessages> = { vi, en };
