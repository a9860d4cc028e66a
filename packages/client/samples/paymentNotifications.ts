import {
  PaymentSocketClient,
  type PaymentSocketClientApi,
  type TokenProvider,
} from '@paysocket/client';

export interface PaymentNotificationsOptions {
  /** Your paysocket backend; the client looks transactions up there too. */
  url: string;
  /** Your auth's access token; asked with `forceRefresh: true` once after a refusal. */
  getAccessToken: TokenProvider;
  showToast: (message: string) => void;
}

/** The app's one client: it tells the user about every completed deposit. */
export function createPaymentNotifications({
  url,
  getAccessToken,
  showToast,
}: PaymentNotificationsOptions): PaymentSocketClient {
  const client = new PaymentSocketClient({ url, auth: { token: getAccessToken } });
  client.on('deposit_completed', (event) =>
    showToast(`+${event.amount.toLocaleString('vi-VN')} VND`),
  );
  return client;
}

/** What became of a deposit, for the page that shows its QR (payable for 15 minutes). */
export async function waitForDeposit(
  client: PaymentSocketClientApi,
  transactionId: string,
  timeoutMs = 15 * 60_000,
): Promise<string> {
  const result = await client.watchTransaction(transactionId, { timeoutMs });
  switch (result.status) {
    case 'completed': // event is missing only if a look-up found it with too few fields
      return result.event ? `Paid ${result.event.amount.toLocaleString('vi-VN')} VND` : 'Paid';
    case 'timeout':
      return 'The QR code has expired';
    case 'aborted':
      return 'No longer waiting';
    default: // failed or cancelled: result.reason says why (declined, expired, …)
      return `Not paid (${result.reason ?? result.status})`;
  }
}
