import type { TransactionSnapshot } from '@paysocket/protocol';

/** Server time at which the fixture deposit was created. */
export const CREATED_AT = Date.parse('2026-11-26T10:00:00.000Z');

/** A pending 100.000 ₫ deposit created at {@link CREATED_AT} that expires 15 minutes later. */
export function pendingDeposit(fields: Partial<TransactionSnapshot> = {}): TransactionSnapshot {
  return {
    transactionId: 'MOMO1001',
    type: 'deposit',
    status: 'pending',
    amount: 100_000,
    message: 'Đang chờ thanh toán',
    createdAt: new Date(CREATED_AT).toISOString(),
    updatedAt: new Date(CREATED_AT).toISOString(),
    serverTime: new Date(CREATED_AT).toISOString(),
    expiresAt: new Date(CREATED_AT + 15 * 60_000).toISOString(),
    paymentUrl: 'http://127.0.0.1:4000/mock-momo/pay/MOMO1001',
    deeplink: 'momo://app?action=payWithApp&orderId=MOMO1001',
    ...fields,
  };
}
