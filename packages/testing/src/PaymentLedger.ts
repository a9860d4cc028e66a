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

interface DepositRecord {
  position: number;
  id: string;
  userId: string;
  status: TransactionStatus;
  reason?: string;
  amount: number;
  newBalance?: number;
  providerTransactionId?: string;
  message: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
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
  readonly #deposits = new Map<string, DepositRecord>();
  #position = 0;

  constructor(options: PaymentLedgerOptions) {
    this.#options = options;
  }

  balance(userId: string): number {
    return this.#account(userId).balance;
  }

  createDeposit(userId: string, amount: unknown): TransactionSnapshot {
    if (typeof amount !== 'number' || !isValidMomoAmount(amount)) {
      throw new LedgerError(
        'INVALID_AMOUNT',
        `amount must be an integer VND from ${MOMO_MIN_AMOUNT} to ${MOMO_MAX_AMOUNT}`,
      );
    }
    const now = Date.now();
    const position = ++this.#position;
    const suffix = Math.random().toString(16).slice(2, 12).padEnd(10, '0');
    const record: DepositRecord = {
      position,
      id: `MOMO${now}${suffix}`,
      userId,
      status: 'pending',
      amount,
      message: `Chờ thanh toán ${vnd(amount)} VND qua MoMo`,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + this.#options.depositTtlMs,
    };
    this.#deposits.set(record.id, record);
    return this.#snapshot(record);
  }

  /** The transaction as its owner sees it; anyone else gets NOT_FOUND, so ids reveal nothing. */
  owned(userId: string, id: string): TransactionSnapshot {
    const record = this.#deposits.get(id);
    if (!record || record.userId !== userId) {
      throw new LedgerError('NOT_FOUND', 'no such transaction');
    }
    return this.#snapshot(record);
  }

  find(id: string): TransactionSnapshot | undefined {
    const record = this.#deposits.get(id);
    return record && this.#snapshot(record);
  }

  /** The owner's transactions, newest first, before the `cursor` position. */
  history(userId: string, limit: number, cursor: number | undefined): TransactionsPage {
    const older = [...this.#deposits.values()]
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
    const record = this.#deposit(id);
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
    const record = this.#deposit(id);
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
    const record = this.#deposits.get(id);
    if (!record || record.userId !== userId) throw new LedgerError('NOT_FOUND', 'no such deposit');
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

  #deposit(id: string): DepositRecord {
    const record = this.#deposits.get(id);
    if (!record) throw new LedgerError('NOT_FOUND', `no deposit ${id}`);
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

  #snapshot(record: DepositRecord, now = Date.now()): TransactionSnapshot {
    const paymentUrl = `${this.#options.baseUrl}${API_PATHS.mockMomoPay(record.id)}`;
    const snapshot: TransactionSnapshot = {
      transactionId: record.id,
      type: 'deposit',
      status: record.status,
      amount: record.amount,
      message: record.message,
      createdAt: new Date(record.createdAt).toISOString(),
      updatedAt: new Date(record.updatedAt).toISOString(),
      serverTime: new Date(now).toISOString(),
      expiresAt: new Date(record.expiresAt).toISOString(),
      paymentUrl,
      deeplink: `momo://app?action=payWithApp&isScanQR=false&serviceType=app&sid=${encodeURIComponent(record.id)}&v=3.0`,
      qrCodeData: paymentUrl,
    };
    if (record.newBalance !== undefined) snapshot.newBalance = record.newBalance;
    if (record.providerTransactionId !== undefined) {
      snapshot.providerTransactionId = record.providerTransactionId;
    }
    if (record.reason !== undefined) snapshot.reason = record.reason;
    return snapshot;
  }
}
