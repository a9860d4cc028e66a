import type {
  DepositCompletedEvent,
  PaymentStatusUpdateEvent,
  WithdrawalCompletedEvent,
} from '@paysocket/protocol';

const FIXED_TIME = '2026-11-26T10:00:00.000Z';

/** A valid `deposit_completed:v1` payload; `fields` override the defaults. */
export function depositCompleted(
  transactionId: string,
  fields: Partial<DepositCompletedEvent> = {},
): DepositCompletedEvent {
  return {
    type: 'deposit_completed',
    transactionId,
    amount: 50_000,
    newBalance: 150_000,
    providerTransactionId: `momo-${transactionId}`,
    message: 'Nạp tiền thành công',
    timestamp: FIXED_TIME,
    ...fields,
  };
}

/** A valid `withdrawal_completed:v1` payload. */
export function withdrawalCompleted(
  transactionId: string,
  fields: Partial<WithdrawalCompletedEvent> = {},
): WithdrawalCompletedEvent {
  return {
    type: 'withdrawal_completed',
    transactionId,
    amount: 20_000,
    newBalance: 80_000,
    message: 'Rút tiền thành công',
    timestamp: FIXED_TIME,
    ...fields,
  };
}

/** A valid `payment_status_update:v1` payload; `reason` goes to `metadata.reason`. */
export function paymentStatusUpdate(
  transactionId: string,
  status: PaymentStatusUpdateEvent['status'],
  fields: Partial<PaymentStatusUpdateEvent> & { reason?: string } = {},
): PaymentStatusUpdateEvent {
  const { reason, ...rest } = fields;
  return {
    type: 'payment_status_update',
    transactionId,
    status,
    amount: 50_000,
    transactionType: 'deposit',
    message: status === 'pending' ? 'Đang chờ thanh toán' : 'Thanh toán không thành công',
    timestamp: FIXED_TIME,
    ...(reason === undefined ? {} : { metadata: { reason } }),
    ...rest,
  };
}
