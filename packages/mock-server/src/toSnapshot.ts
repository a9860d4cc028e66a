import { API_PATHS, type TransactionSnapshot } from '@paysocket/protocol';
import type { TransactionRecord } from './PaymentStore';

/**
 * The REST view of a transaction. `baseUrl` is where a phone reaches the fake MoMo page
 * (PUBLIC_URL, or the origin the request came in on).
 */
export function toSnapshot(
  record: TransactionRecord,
  baseUrl: string,
  now = Date.now(),
): TransactionSnapshot {
  const snapshot: TransactionSnapshot = {
    transactionId: record.id,
    type: record.type,
    status: record.status,
    amount: record.amount,
    message: record.message,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    serverTime: new Date(now).toISOString(),
  };
  if (record.newBalance !== undefined) snapshot.newBalance = record.newBalance;
  if (record.providerTransactionId !== undefined)
    snapshot.providerTransactionId = record.providerTransactionId;
  if (record.reason !== undefined) snapshot.reason = record.reason;
  if (record.type === 'deposit') {
    const paymentUrl = `${baseUrl}${API_PATHS.mockMomoPay(record.id)}`;
    snapshot.expiresAt = new Date(record.expiresAt ?? record.createdAt).toISOString();
    snapshot.paymentUrl = paymentUrl;
    snapshot.deeplink = `momo://app?action=payWithApp&isScanQR=false&serviceType=app&sid=${encodeURIComponent(record.id)}&v=3.0`;
    snapshot.qrCodeData = paymentUrl;
  }
  return snapshot;
}
