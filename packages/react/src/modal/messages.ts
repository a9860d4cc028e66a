/** Every string the modal shows or announces. Functions receive amounts already formatted. */
export interface DepositQRMessages {
  title: string;
  description: (amount: string) => string;
  connecting: string;
  live: string;
  reconnecting: string;
  offline: string;
  connectionError: string;
  checking: string;
  timeLeftLabel: string;
  timeLeft: (minutes: number, seconds: number) => string;
  announceMinutes: (minutes: number) => string;
  announceSeconds: (seconds: number) => string;
  qrAlt: (amount: string) => string;
  openMomo: string;
  copyLink: string;
  copied: string;
  copyFailed: string;
  saveQr: string;
  saveQrFailed: string;
  closeHint: string;
  close: string;
  cancel: string;
  cancelConfirm: string;
  cancelConfirmYes: string;
  cancelConfirmNo: string;
  successTitle: string;
  successBody: (amount: string, newBalance: string | null) => string;
  done: string;
  declinedTitle: string;
  declinedBody: string;
  cancelledTitle: string;
  cancelledBody: string;
  expiredTitle: string;
  expiredBody: string;
  newQr: string;
  failedTitle: string;
  /** Why the provider refused: `insufficient_funds`, `momo_<code>`, … or undefined. */
  failedReason: (reason: string | undefined) => string;
  retry: string;
}

export type DepositQRLocale = 'vi' | 'en';

const momoCode = (reason: string | undefined) => /^momo_(\d+)$/.exec(reason ?? '')?.[1];

export const viMessages: DepositQRMessages = {
  title: 'Quét mã để nạp tiền',
  description: (amount) => `Mở ứng dụng MoMo và quét mã QR để nạp ${amount} vào ví.`,
  connecting: 'Đang kết nối…',
  live: 'Đang lắng nghe thanh toán…',
  reconnecting: 'Mất kết nối, đang kết nối lại…',
  offline: 'Không có mạng. Sẽ kết nối lại khi có mạng.',
  connectionError: 'Không kết nối được máy chủ. Thanh toán của bạn vẫn được ghi nhận.',
  checking: 'Đang kiểm tra giao dịch…',
  timeLeftLabel: 'Thời gian còn lại',
  timeLeft: (minutes, seconds) => `Còn ${minutes} phút ${seconds} giây`,
  announceMinutes: (minutes) => `Còn ${minutes} phút để thanh toán`,
  announceSeconds: (seconds) => `Còn ${seconds} giây để thanh toán`,
  qrAlt: (amount) => `Mã QR thanh toán ${amount}: quét bằng ứng dụng MoMo để nạp tiền`,
  openMomo: 'Mở MoMo',
  copyLink: 'Sao chép liên kết thanh toán',
  copied: 'Đã sao chép liên kết thanh toán',
  copyFailed: 'Không sao chép được liên kết',
  saveQr: 'Lưu ảnh QR',
  saveQrFailed: 'Không lưu được ảnh QR',
  closeHint: 'Đóng cửa sổ không huỷ giao dịch: nếu bạn đã thanh toán, tiền vẫn được cộng vào ví.',
  close: 'Đóng',
  cancel: 'Huỷ giao dịch',
  cancelConfirm: 'Huỷ giao dịch này? Mã QR sẽ không dùng được nữa.',
  cancelConfirmYes: 'Có, huỷ giao dịch',
  cancelConfirmNo: 'Tiếp tục thanh toán',
  successTitle: 'Nạp tiền thành công',
  successBody: (amount, newBalance) =>
    newBalance === null
      ? `Đã cộng ${amount} vào ví.`
      : `Đã cộng ${amount} vào ví. Số dư mới: ${newBalance}.`,
  done: 'Xong',
  declinedTitle: 'Bạn đã từ chối thanh toán',
  declinedBody: 'Giao dịch đã bị từ chối trong ứng dụng MoMo. Ví của bạn không bị trừ tiền.',
  cancelledTitle: 'Giao dịch đã bị huỷ',
  cancelledBody: 'Giao dịch này đã được huỷ. Nếu bạn đã thanh toán, tiền vẫn được cộng vào ví.',
  expiredTitle: 'Mã QR đã hết hạn',
  expiredBody:
    'Mã QR này không còn dùng được. Hãy tạo mã mới để nạp tiền. Nếu bạn đã thanh toán, tiền vẫn được cộng vào ví.',
  newQr: 'Tạo mã QR mới',
  failedTitle: 'Thanh toán không thành công',
  failedReason: (reason) => {
    if (reason === 'insufficient_funds') return 'Tài khoản MoMo không đủ số dư.';
    const code = momoCode(reason);
    if (code) return `MoMo từ chối giao dịch (mã lỗi ${code}).`;
    return 'Đã có lỗi khi xử lý thanh toán.';
  },
  retry: 'Thử lại',
};

export const enMessages: DepositQRMessages = {
  title: 'Scan to top up',
  description: (amount) =>
    `Open the MoMo app and scan the QR code to add ${amount} to your wallet.`,
  connecting: 'Connecting…',
  live: 'Waiting for your payment…',
  reconnecting: 'Connection lost, reconnecting…',
  offline: 'You are offline. We will reconnect when you are back online.',
  connectionError: 'Cannot reach the server. Your payment is still recorded.',
  checking: 'Checking the payment…',
  timeLeftLabel: 'Time left',
  timeLeft: (minutes, seconds) => `${minutes} min ${seconds} s left`,
  announceMinutes: (minutes) => `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left to pay`,
  announceSeconds: (seconds) => `${seconds} seconds left to pay`,
  qrAlt: (amount) => `QR code to pay ${amount}: scan it with the MoMo app to top up`,
  openMomo: 'Open MoMo',
  copyLink: 'Copy payment link',
  copied: 'Payment link copied',
  copyFailed: 'Could not copy the link',
  saveQr: 'Save QR image',
  saveQrFailed: 'Could not save the QR image',
  closeHint:
    'Closing this window does not cancel the payment: if you pay, it will still be credited.',
  close: 'Close',
  cancel: 'Cancel payment',
  cancelConfirm: 'Cancel this payment? The QR code will stop working.',
  cancelConfirmYes: 'Yes, cancel',
  cancelConfirmNo: 'Keep paying',
  successTitle: 'Top-up successful',
  successBody: (amount, newBalance) =>
    newBalance === null
      ? `${amount} was added to your wallet.`
      : `${amount} was added to your wallet. New balance: ${newBalance}.`,
  done: 'Done',
  declinedTitle: 'You declined the payment',
  declinedBody: 'The payment was declined in the MoMo app. Nothing was taken from your account.',
  cancelledTitle: 'Payment cancelled',
  cancelledBody: 'This payment was cancelled. If you already paid, it will still be credited.',
  expiredTitle: 'QR code expired',
  expiredBody:
    'This QR code can no longer be used. Get a new one to top up. If you already paid, it will still be credited.',
  newQr: 'Get a new QR code',
  failedTitle: 'Payment failed',
  failedReason: (reason) => {
    if (reason === 'insufficient_funds') return 'Your MoMo balance is too low.';
    const code = momoCode(reason);
    if (code) return `MoMo refused the payment (error ${code}).`;
    return 'Something went wrong while processing the payment.';
  },
  retry: 'Try again',
};

const BY_LOCALE: Record<DepositQRLocale, DepositQRMessages> = { vi: viMessages, en: enMessages };

/** The locale's messages with the app's overrides on top. */
export function resolveMessages(
  locale: DepositQRLocale = 'vi',
  overrides?: Partial<DepositQRMessages>,
): DepositQRMessages {
  const base = BY_LOCALE[locale] ?? viMessages;
  return overrides ? { ...base, ...overrides } : base;
}
