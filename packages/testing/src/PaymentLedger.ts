import {
  API_PATHS,
  EVENTS,
  MOMO_MAX_AMOUNT,
  MOMO_MIN_AMOUNT,
  acceptsLateSuccess,
  isValidMomoAmount,
  type DepositCompletedEvent,
  type PaymentEvent,
  type PaymentEventName,
  type PaymentStatusUpdateEvent,
  type TransactionSnapshot,
  type TransactionStatus,
  type TransactionType,
  type WithdrawalCompletedEvent,
  type TransactionsPage,
} from '@paysocket/protocol';
import { LedgerError } from './LedgerError';

/** One entry of a user's event log: the payload exactly as it went out, `seq` included. */
export interface LoggedEvent {
  seq: number;
  name: PaymentEventName;
  payload: PaymentEvent;
}

export interface PaymentLedgerOptions {
  /** Where the snapshots' payment links point (the backend's URL). */
  baseUrl: string;
  /** The user whose balance starts at `balance`; everyone else starts at 0. */
  userId: string;
  balance: number;
  depositTtlMs: number;
  /** Called after each event is logged, to tell the user's sockets. */
  publish: (userId: string, event: LoggedEvent) => void;
}

interface Account {
  balance: number;
  log: LoggedEvent[];
}

interface TransactionRecord {
  position: number;
  id: string;
  userId: string;
  type: TransactionType;
  status: TransactionStatus;
  reason?: string;
  amount: number;
  newBalance?: number;
  providerTransactionId?: string;
  message: string;
  createdAt: number;
  updatedAt: number;
  /** Deposits only. */
  expiresAt?: number;
}

const vnd = (amount: number) => amount.toLocaleString('vi-VN');

/** The reference server's messages, so a UI under test shows what it shows in production. */
const REASON_MESSAGES: Record<string, string> = {
  expired: 'Giao dịch đã hết hạn',
  declined: 'Bạn đã từ chối thanh toán trên MoMo',
  insufficient_funds: 'Số dư ví MoMo không đủ',
  merchant_cancelled: 'Giao dịch đã bị cửa hàng huỷ',
  user_cancelled: 'Bạn đã huỷ giao dịch',
};

/**
 * Wallets, deposits and the per-user event log of the mock backend, with the reference
 * server's rules: amounts within MoMo's limits, a terminal status is final except that a late
 * success still completes a deposit that expired or that its owner cancelled, and every
 * change is one event with the next `seq` of its user. Everything is in memory and
 * synchronous, so no live event can overtake a replay.
 */
export class PaymentLedger {
  /** Names this log; a new ledger (after `reset()`) is a lost log to clients. */
  readonly epoch = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  readonly #options: PaymentLedgerOptions;
  readonly #accounts = new Map<string, Account>();
  readonly #transactions = new Map<string, TransactionRecord>();
  #position = 0;

  constructor(options: PaymentLedgerOptions) {
    this.#options = options;
  }

  balance(userId: string): number {
    return this.#account(userId).balance;
  }

  createDeposit(userId: string, amount: unknown): TransactionSnapshot {
    const record = this.#insert(userId, 'deposit', checkAmount(amount));
    record.message = `Chờ thanh toán ${vnd(record.amount)} VND qua MoMo`;
    record.expiresAt = record.createdAt + this.#options.depositTtlMs;
    return this.#snapshot(record);
  }

  /**
   * A pending withdrawal, announced as `payment_status_update:v1` pending; refused when it
   * exceeds the balance that other pending withdrawals leave.
   */
  createWithdrawal(userId: string, amount: unknown): TransactionSnapshot {
    const checked = checkAmount(amount);
    let available = this.balance(userId);
    for (const other of this.#transactions.values()) {
      if (other.userId === userId && other.type === 'withdrawal' && other.status === 'pending') {
        available -= other.amount;
      }
    }
    if (checked > available) {
      throw new LedgerError('INSUFFICIENT_FUNDS', `balance available is ${available} VND`);
    }
    const record = this.#insert(userId, 'withdrawal', checked);
    record.message = `Đang xử lý rút ${vnd(checked)} VND`;
    this.#log<PaymentStatusUpdateEvent>(userId, EVENTS.paymentStatusUpdate, {
      type: 'payment_status_update',
      transactionId: record.id,
      status: 'pending',
      amount: checked,
      transactionType: 'withdrawal',
      message: record.message,
    });
    return this.#snapshot(record);
  }

  /** Pays a pending withdrawal out and sends `withdrawal_completed:v1`. */
  completeWithdrawal(id: string): WithdrawalCompletedEvent {
    const record = this.#find(id, 'withdrawal');
    if (record.status !== 'pending') {
      throw new LedgerError('NOT_PENDING', `withdrawal ${id} is already ${record.status}`);
    }
    const account = this.#account(record.userId);
    account.balance -= record.amount;
    const message = `Rút tiền thành công ${vnd(record.amount)} VND`;
    Object.assign(record, {
      status: 'completed',
      newBalance: account.balance,
      message,
      updatedAt: Date.now(),
    });
    return this.#log<WithdrawalCompletedEvent>(record.userId, EVENTS.withdrawalCompleted, {
      type: 'withdrawal_completed',
      transactionId: id,
      amount: record.amount,
      newBalance: account.balance,
      message,
    });
  }

  /** The transaction as its owner sees it; anyone else gets NOT_FOUND, so ids reveal nothing. */
  owned(userId: string, id: string): TransactionSnapshot {
    const record = this.#transactions.get(id);
    if (!record || record.userId !== userId) {
      throw new LedgerError('NOT_FOUND', 'no such transaction');
    }
    return this.#snapshot(record);
  }

  find(id: string): TransactionSnapshot | undefined {
    const record = this.#transactions.get(id);
    return record && this.#snapshot(record);
  }

  /** The owner's transactions, newest first, before the `cursor` position. */
  history(userId: string, limit: number, cursor: number | undefined): TransactionsPage {
    const older = [...this.#transactions.values()]
      .filter((r) => r.userId === userId && (cursor === undefined || r.position < cursor))
      .sort((a, b) => b.position - a.position);
    const page = older.slice(0, limit);
    const last = page[page.length - 1];
    const now = Date.now();
    return {
      items: page.map((record) => this.#snapshot(record, now)),
      nextCursor: older.length > limit && last ? String(last.position) : null,
    };
  }

  /** A successful payment: credits the wallet and sends `deposit_completed:v1`. */
  completeDeposit(id: string, providerTransactionId: string): DepositCompletedEvent {
    const record = this.#find(id, 'deposit');
    if (record.status !== 'pending' && !acceptsLateSuccess(record)) {
      throw new LedgerError(
        'CONFLICTING_RESULT',
        `deposit ${id} is already ${record.status}${record.reason ? ` (${record.reason})` : ''}`,
      );
    }
    const account = this.#account(record.userId);
    account.balance += record.amount;
    const message = `Nạp tiền thành công ${vnd(record.amount)} VND`;
    Object.assign(record, {
      status: 'completed',
      newBalance: account.balance,
      providerTransactionId,
      message,
      updatedAt: Date.now(),
    });
    delete record.reason;
    return this.#log<DepositCompletedEvent>(record.userId, EVENTS.depositCompleted, {
      type: 'deposit_completed',
      transactionId: id,
      amount: record.amount,
      newBalance: account.balance,
      providerTransactionId,
      message,
    });
  }

  /** Ends a pending deposit as failed or cancelled and sends `payment_status_update:v1`. */
  finishDeposit(
    id: string,
    status: 'failed' | 'cancelled',
    reason: string,
  ): PaymentStatusUpdateEvent {
    const record = this.#find(id, 'deposit');
    if (record.status !== 'pending') {
      throw new LedgerError('NOT_PENDING', `deposit ${id} is already ${record.status}`);
    }
    const message = REASON_MESSAGES[reason] ?? `Thanh toán thất bại (${reason})`;
    Object.assign(record, { status, reason, message, updatedAt: Date.now() });
    return this.#log<PaymentStatusUpdateEvent>(record.userId, EVENTS.paymentStatusUpdate, {
      type: 'payment_status_update',
      transactionId: id,
      status,
      amount: record.amount,
      transactionType: 'deposit',
      message,
      metadata: { reason },
    });
  }

  /** The owner's cancel over REST: repeating it changes nothing; a finished deposit refuses. */
  cancelByOwner(userId: string, id: string): TransactionSnapshot {
    const record = this.#transactions.get(id);
    if (!record || record.userId !== userId || record.type !== 'deposit') {
      throw new LedgerError('NOT_FOUND', 'no such deposit');
    }
    if (record.status === 'cancelled' && record.reason === 'user_cancelled') {
      return this.#snapshot(record);
    }
    this.finishDeposit(id, 'cancelled', 'user_cancelled');
    return this.#snapshot(record);
  }

  lastSeq(userId: string): number {
    return this.#account(userId).log.length;
  }

  /** Every event of the user after `seq`, in order (the log keeps everything). */
  replay(userId: string, seq: number): readonly LoggedEvent[] {
    return this.#account(userId).log.slice(Math.max(0, seq));
  }

  #log<E extends PaymentEvent>(
    userId: string,
    name: PaymentEventName,
    data: Omit<E, 'eventId' | 'seq' | 'timestamp'>,
  ): E {
    const log = this.#account(userId).log;
    const seq = log.length + 1;
    const payload = {
      ...data,
      timestamp: new Date().toISOString(),
      eventId: `${this.epoch}-${userId}-${seq}`,
      seq,
    } as E;
    const event: LoggedEvent = { seq, name, payload };
    log.push(event);
    this.#options.publish(userId, event);
    return payload;
  }

  #find(id: string, type: TransactionType): TransactionRecord {
    const record = this.#transactions.get(id);
    if (!record || record.type !== type) throw new LedgerError('NOT_FOUND', `no ${type} ${id}`);
    return record;
  }

  #insert(userId: string, type: TransactionType, amount: number): TransactionRecord {
    const now = Date.now();
    const suffix = Math.random().toString(16).slice(2, 12).padEnd(10, '0');
    const record: TransactionRecord = {
      position: ++this.#position,
      // The reference server's id shapes: a deposit's is its MoMo orderId.
      id: `${type === 'deposit' ? 'MOMO' : 'WD'}${now}${suffix}`,
      userId,
      type,
      status: 'pending',
      amount,
      message: '',
      createdAt: now,
      updatedAt: now,
    };
    this.#transactions.set(record.id, record);
    return record;
  }

  #account(userId: string): Account {
    let account = this.#accounts.get(userId);
    if (!account) {
      const balance = userId === this.#options.userId ? this.#options.balance : 0;
      this.#accounts.set(userId, (account = { balance, log: [] }));
    }
    return account;
  }

  #snapshot(record: TransactionRecord, now = Date.now()): TransactionSnapshot {
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
    if (record.providerTransactionId !== undefined) {
      snapshot.providerTransactionId = record.providerTransactionId;
    }
    if (record.reason !== undefined) snapshot.reason = record.reason;
    if (record.type === 'deposit') {
      const paymentUrl = `${this.#options.baseUrl}${API_PATHS.mockMomoPay(record.id)}`;
      snapshot.expiresAt = new Date(record.expiresAt ?? record.createdAt).toISOString();
      snapshot.paymentUrl = paymentUrl;
      snapshot.deeplink = `momo://app?action=payWithApp&isScanQR=false&serviceType=app&sid=${encodeURIComponent(record.id)}&v=3.0`;
      snapshot.qrCodeData = paymentUrl;
    }
    return snapshot;
  }
}

function checkAmount(amount: unknown): number {
  if (typeof amount !== 'number' || !isValidMomoAmount(amount)) {
    throw new LedgerError(
      'INVALID_AMOUNT',
      `amount must be an integer VND from ${MOMO_MIN_AMOUNT} to ${MOMO_MAX_AMOUNT}`,
    );
  }
  return amount;
}
