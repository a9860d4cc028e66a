import { describe, expect, it } from 'vitest';
import {
  depositCompletedSchema,
  paymentStatusUpdateSchema,
  sessionSchema,
  transactionSnapshotSchema,
  withdrawalCompletedSchema,
} from '../src/index';

const deposit = {
  type: 'deposit_completed',
  transactionId: 'DEP_1',
  amount: 100_000,
  newBalance: 250_000,
  providerTransactionId: '4088878653',
  message: 'Nạp tiền thành công 100.000 VND',
  timestamp: '2026-11-26T10:00:00.000Z',
};

describe('deposit_completed schema', () => {
  it('accepts the seed payload, with and without delivery fields', () => {
    expect(depositCompletedSchema.safeParse(deposit).success).toBe(true);
    const parsed = depositCompletedSchema.parse({ ...deposit, eventId: 'e1', seq: 3 });
    expect(parsed.seq).toBe(3);
  });

  it('keeps extra keys (forward compatible)', () => {
    const parsed = depositCompletedSchema.parse({ ...deposit, promo: { code: 'X' } });
    expect(parsed).toMatchObject({ promo: { code: 'X' } });
  });

  it.each([
    ['missing transactionId', { ...deposit, transactionId: undefined }, 'transactionId'],
    ['empty transactionId', { ...deposit, transactionId: '' }, 'transactionId'],
    ['string amount', { ...deposit, amount: '100000' }, 'amount'],
    ['fractional amount', { ...deposit, amount: 100.5 }, 'amount'],
    ['negative amount', { ...deposit, amount: -1 }, 'amount'],
    ['negative balance', { ...deposit, newBalance: -5 }, 'newBalance'],
    ['unparseable timestamp', { ...deposit, timestamp: 'yesterday' }, 'timestamp'],
    ['wrong type tag', { ...deposit, type: 'withdrawal_completed' }, 'type'],
    ['zero seq', { ...deposit, seq: 0 }, 'seq'],
    ['numeric message', { ...deposit, message: 5 }, 'message'],
  ])('rejects %s', (_name, input, path) => {
    const result = depositCompletedSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});

describe('withdrawal_completed schema', () => {
  it('accepts a valid payload and rejects a missing newBalance', () => {
    const valid = { ...deposit, type: 'withdrawal_completed' };
    expect(withdrawalCompletedSchema.safeParse(valid).success).toBe(true);
    expect(withdrawalCompletedSchema.safeParse({ ...valid, newBalance: undefined }).success).toBe(
      false,
    );
  });
});

describe('payment_status_update schema', () => {
  const update = {
    type: 'payment_status_update',
    transactionId: 'DEP_1',
    status: 'failed',
    amount: 100_000,
    transactionType: 'deposit',
    message: 'Hết hạn',
    metadata: { reason: 'expired', resultCode: 1005 },
    timestamp: '2026-11-26T10:00:00Z',
  };
  it('accepts every status and keeps metadata', () => {
    for (const status of ['pending', 'completed', 'failed', 'cancelled']) {
      expect(paymentStatusUpdateSchema.parse({ ...update, status }).metadata?.reason).toBe(
        'expired',
      );
    }
  });
  it('rejects unknown statuses and transaction types', () => {
    expect(paymentStatusUpdateSchema.safeParse({ ...update, status: 'done' }).success).toBe(false);
    expect(
      paymentStatusUpdateSchema.safeParse({ ...update, transactionType: 'refund' }).success,
    ).toBe(false);
  });
});

describe('session schema', () => {
  it('requires epoch, lastSeq, gap and serverTime', () => {
    const session = {
      userId: 'u1',
      epoch: 'ep',
      lastSeq: 0,
      gap: false,
      serverTime: '2026-11-26T10:00:00Z',
    };
    expect(sessionSchema.safeParse(session).success).toBe(true);
    expect(sessionSchema.safeParse({ ...session, lastSeq: -1 }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...session, gap: 'no' }).success).toBe(false);
  });
});

describe('TransactionSnapshot schema', () => {
  it('accepts a pending deposit with its payment fields', () => {
    const snapshot = {
      transactionId: 'DEP_1',
      type: 'deposit',
      status: 'pending',
      amount: 50_000,
      message: 'Đang chờ thanh toán',
      createdAt: '2026-11-26T10:00:00Z',
      updatedAt: '2026-11-26T10:00:00Z',
      serverTime: '2026-11-26T10:00:01Z',
      expiresAt: '2026-11-26T10:15:00Z',
      paymentUrl: 'http://127.0.0.1:4000/mock-momo/pay/DEP_1',
    };
    expect(transactionSnapshotSchema.parse(snapshot).expiresAt).toBe(snapshot.expiresAt);
    expect(transactionSnapshotSchema.safeParse({ ...snapshot, expiresAt: 'soon' }).success).toBe(
      false,
    );
  });
});
