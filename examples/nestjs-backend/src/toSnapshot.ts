import type { TransactionSnapshot } from '@paysocket/protocol';
import type { TransactionRecord } from './PaymentStore.js';

/** The REST view of a transaction; a deposit's links are what MoMo's create answered. */
export function toSnapshot(record: TransactionRecord, now = Date.now()): TransactionSnapshot {
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
    snapshot.expiresAt = new Date(record.expiresAt ?? record.createdAt).toISOString();
    if (record.paymentUrl !== undefined) snapshot.paymentUrl = record.paymentUrl;
    if (record.deeplink !== undefined) snapshot.deeplink = record.deeplink;
    if (record.qrCodeData !== undefined) snapshot.qrCodeData = record.qrCodeData;
  }
  return snapshot;
}
