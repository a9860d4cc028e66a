import { randomUUID } from 'node:crypto';
import {
  acceptsLateSuccess,
  isValidMomoAmount,
  mapMomoResultCode,
  MOMO_MAX_AMOUNT,
  MOMO_MIN_AMOUNT,
} from '@paysocket/protocol';
import {
  MomoApiError,
  type MomoClient,
  type MomoCreatePaymentResponse,
  type MomoIpn,
  type MomoQueryPaymentResponse,
  type PaymentNotifier,
  type StoreTransaction,
} from '@paysocket/server';
import { PaymentError } from './PaymentError';
import type { PaymentStore, TransactionRecord } from './PaymentStore';
import { Reconciler, type ReconcilerMetrics, type ReconcilerOptions } from './Reconciler';
import { setLongTimeout, type LongTimeout } from './setLongTimeout';

export interface PaymentServiceOptions {
  store: PaymentStore;
  notifier: PaymentNotifier;
  partnerCode: string;
  depositTtlMs: number;
  withdrawalDelayMs: number;
  /** MoMo's API (or the fake provider's): every deposit is created there first. */
  momo: MomoClient;
  /** The `ipnUrl` and `redirectUrl` MoMo is given (the server's address is known once it listens). */
  momoUrls: () => { ipnUrl: string; redirectUrl: string };
  /**
   * How deposits whose final IPN has not come are queried at MoMo (see {@link Reconciler});
   * a deposit is expired only after MoMo said it was not paid.
   */
  reconcile: Pick<ReconcilerOptions, 'schedule' | 'concurrency' | 'logger'>;
  onError?: (error: unknown) => void;
}

/** What a MoMo result (from an IPN or the dev confirm) did. */
export type MomoResultOutcome = 'applied' | 'duplicate';

/** Counters for `/metrics`. */
export interface PaymentServiceMetrics extends ReconcilerMetrics {
  ipnReceived: number;
  ipnApplied: number;
  ipnDuplicates: number;
  ipnRejected: number;
  depositsExpired: number;
}

const vnd = (amount: number) => amount.toLocaleString('vi-VN');

const REASON_MESSAGES: Record<string, string> = {
  expired: 'Giao dịch đã hết hạn',
  declined: 'Bạn đã từ chối thanh toán trên MoMo',
  insufficient_funds: 'Số dư ví MoMo không đủ',
  merchant_cancelled: 'Giao dịch đã bị cửa hàng huỷ',
  user_cancelled: 'Bạn đã huỷ giao dịch',
};

/**
 * The payment rules of the reference backend: deposits, MoMo results with idempotency and
 * the late-success exception, expiry, withdrawals. Every state change commits together
 * with its event; sockets hear of it only after the commit.
 */
export class PaymentService {
  readonly #store: PaymentStore;
  readonly #notifier: PaymentNotifier;
  readonly #options: PaymentServiceOptions;
  readonly #timers = new Map<string, LongTimeout>();
  readonly #reconciler: Reconciler;
  readonly #metrics: Omit<PaymentServiceMetrics, keyof ReconcilerMetrics> = {
    ipnReceived: 0,
    ipnApplied: 0,
    ipnDuplicates: 0,
    ipnRejected: 0,
    depositsExpired: 0,
  };

  constructor(options: PaymentServiceOptions) {
    this.#store = options.store;
    this.#notifier = options.notifier;
    this.#options = options;
    this.#reconciler = new Reconciler({
      ...options.reconcile,
      // Each query is a new request to MoMo, answered by orderId.
      query: (orderId) => options.momo.queryPayment({ orderId, requestId: randomUUID() }),
      load: (id) => this.#store.get(id),
      apply: (id, answer: MomoQueryPaymentResponse) =>
        this.applyMomoResult(id, answer.resultCode, String(answer.transId), answer.message),
      expire: (id) => this.expire(id),
    });
  }

  /**
   * Schedules reconciliation of pending deposits and completion of pending
   * withdrawals left by an earlier run.
   */
  resume(): void {
    const now = Date.now();
    for (const record of this.#store.pending()) {
      if (record.type === 'deposit') this.#reconciler.track(record);
      else
        this.#schedule(record.id, record.createdAt + this.#options.withdrawalDelayMs - now, () =>
          this.completeWithdrawal(record.id),
        );
    }
    for (const record of this.#store.cancelledByUser(now)) this.#reconciler.track(record);
  }

  /** Stops every timer (on close). */
  stop(): void {
    this.#reconciler.stop();
    for (const timer of this.#timers.values()) timer.clear();
    this.#timers.clear();
  }

  getMetrics(): PaymentServiceMetrics {
    return {
      ...this.#metrics,
      ...this.#reconciler.getMetrics(),
    };
  }

  wallet(userId: string): number {
    return this.#store.balance(userId);
  }

  /**
   * Creates the payment at MoMo, then the pending deposit with MoMo's links. When MoMo
   * fails, nothing is stored: there would be no way to pay it.
   */
  async createDeposit(userId: string, amount: unknown): Promise<TransactionRecord> {
    if (typeof amount !== 'number' || !isValidMomoAmount(amount)) {
      throw new PaymentError(
        'invalid',
        'INVALID_AMOUNT',
        `amount must be an integer VND from ${MOMO_MIN_AMOUNT} to ${MOMO_MAX_AMOUNT}`,
      );
    }
    const now = Date.now();
    const id = `MOMO${now}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const requestId = randomUUID();
    let created: MomoCreatePaymentResponse;
    try {
      created = await this.#options.momo.createPayment({
        orderId: id,
        requestId,
        amount,
        orderInfo: `Nạp ${vnd(amount)} VND vào ví PaySocket`,
        ...this.#options.momoUrls(),
        extraData: '',
        lang: 'vi',
      });
    } catch (error) {
      throw providerError(error);
    }
    const record = this.#store.insert({
      id,
      userId,
      type: 'deposit',
      amount,
      message: `Chờ thanh toán ${vnd(amount)} VND qua MoMo`,
      requestId,
      createdAt: now,
      expiresAt: now + this.#options.depositTtlMs,
      paymentUrl: created.payUrl,
      deeplink: created.deeplink,
      qrCodeData: created.qrCodeUrl || created.payUrl,
    });
    this.#reconciler.track(record);
    return record;
  }

  /** The owner's transaction; 404 for anyone else, so ids reveal nothing. */
  owned(userId: string, id: string): TransactionRecord {
    const record = this.#store.get(id);
    if (!record || record.userId !== userId)
      throw new PaymentError('not_found', 'NOT_FOUND', 'no such transaction');
    return record;
  }

  history(userId: string, cursor: number, limit: number): TransactionRecord[] {
    return this.#store.page(userId, cursor, limit);
  }

  cancelDeposit(userId: string, id: string): TransactionRecord {
    const cancelled = this.#store.eventLog.transaction((tx) => {
      const record = this.owned(userId, id);
      if (record.type !== 'deposit')
        throw new PaymentError('not_found', 'NOT_FOUND', 'no such deposit');
      if (record.status === 'cancelled' && record.reason === 'user_cancelled') return record;
      if (record.status !== 'pending') {
        throw new PaymentError(
          'conflict',
          'NOT_PENDING',
          `the deposit is already ${record.status}`,
        );
      }
      return this.#finish(
        record,
        'cancelled',
        'user_cancelled',
        REASON_MESSAGES.user_cancelled as string,
        tx,
      );
    });
    // The user may have paid in the MoMo app at the same moment: MoMo is asked at expiry.
    this.#reconciler.track(cancelled);
    return cancelled;
  }

  /** Turns a deposit still pending at its expiry into failed `expired`. */
  expire(id: string): void {
    this.#timers.delete(id);
    this.#store.eventLog.transaction((tx) => {
      const record = this.#store.get(id);
      if (!record || record.status !== 'pending') return;
      this.#finish(record, 'failed', 'expired', REASON_MESSAGES.expired as string, tx);
      this.#metrics.depositsExpired += 1;
    });
  }

  /** An IPN refused before it could be applied (not MoMo's shape, or a bad signature). */
  countRefusedIpn(): void {
    this.#metrics.ipnReceived += 1;
    this.#metrics.ipnRejected += 1;
  }

  /** Applies a verified IPN; throws {@link PaymentError} for a refusal. */
  applyMomoIpn(ipn: MomoIpn): MomoResultOutcome {
    this.#metrics.ipnReceived += 1;
    try {
      const record = this.#store.get(ipn.orderId);
      if (!record || record.type !== 'deposit')
        throw new PaymentError('not_found', 'NOT_FOUND', `unknown orderId ${ipn.orderId}`);
      if (ipn.partnerCode !== this.#options.partnerCode)
        throw new PaymentError('invalid', 'PARTNER_MISMATCH', 'partnerCode does not match');
      if (ipn.amount !== record.amount)
        throw new PaymentError('invalid', 'AMOUNT_MISMATCH', 'amount does not match the deposit');
      const outcome = this.applyMomoResult(
        record.id,
        ipn.resultCode,
        String(ipn.transId),
        ipn.message,
      );
      if (outcome === 'applied') this.#metrics.ipnApplied += 1;
      else this.#metrics.ipnDuplicates += 1;
      return outcome;
    } catch (error) {
      this.#metrics.ipnRejected += 1;
      throw error;
    }
  }

  /**
   * Applies a MoMo result code to a deposit with DESIGN.md's idempotency: one record per
   * (orderId, final status) or (orderId, pending code); a repeat or a pending result after a
   * final one changes nothing; a contradicting final result is refused (409), except that
   * success beats an expiry and a user's cancel.
   */
  applyMomoResult(
    orderId: string,
    resultCode: number,
    providerTransactionId: string,
    providerMessage: string,
  ): MomoResultOutcome {
    const mapping = mapMomoResultCode(resultCode);
    return this.#store.eventLog.transaction((tx): MomoResultOutcome => {
      const record = this.#store.get(orderId);
      if (!record) throw new PaymentError('not_found', 'NOT_FOUND', `unknown orderId ${orderId}`);
      const now = Date.now();
      if (mapping.status === 'pending') {
        const key = `pending:${resultCode}`;
        if (record.status !== 'pending' || this.#store.hasResult(orderId, key)) return 'duplicate';
        this.#store.addResult(orderId, key);
        const message = providerMessage || 'Giao dịch đang được xử lý';
        this.#store.touch(orderId, message, now);
        this.#notifier.paymentStatusUpdate(
          record.userId,
          {
            transactionId: orderId,
            status: 'pending',
            amount: record.amount,
            transactionType: 'deposit',
            message,
            metadata: { resultCode },
          },
          tx,
        );
        return 'applied';
      }
      const key = mapping.status;
      if (this.#store.hasResult(orderId, key)) return 'duplicate';
      const lateSuccess = mapping.status === 'completed' && acceptsLateSuccess(record);
      if (record.status !== 'pending' && !lateSuccess) {
        if (record.status === mapping.status) {
          this.#store.addResult(orderId, key);
          return 'duplicate';
        }
        throw new PaymentError(
          'conflict',
          'CONFLICTING_RESULT',
          `the deposit is already ${record.status}${record.reason ? ` (${record.reason})` : ''}`,
        );
      }
      this.#store.addResult(orderId, key);
      if (mapping.status === 'completed') {
        this.#credit(record, providerTransactionId, now, tx);
      } else {
        const reason = mapping.reason ?? `momo_${resultCode}`;
        const message =
          REASON_MESSAGES[reason] ?? (providerMessage || `Thanh toán thất bại (mã ${resultCode})`);
        this.#finish(record, mapping.status, reason, message, tx);
      }
      return 'applied';
    });
  }

  createWithdrawal(userId: string, amount: unknown): TransactionRecord {
    if (typeof amount !== 'number' || !isValidMomoAmount(amount)) {
      throw new PaymentError(
        'invalid',
        'INVALID_AMOUNT',
        `amount must be an integer VND from ${MOMO_MIN_AMOUNT} to ${MOMO_MAX_AMOUNT}`,
      );
    }
    const record = this.#store.eventLog.transaction((tx) => {
      const available = this.#store.balance(userId) - this.#store.pendingWithdrawals(userId);
      if (amount > available)
        throw new PaymentError(
          'conflict',
          'INSUFFICIENT_FUNDS',
          `balance available is ${available} VND`,
        );
      const now = Date.now();
      const created = this.#store.insert({
        id: `WD${now}${randomUUID().replace(/-/g, '').slice(0, 10)}`,
        userId,
        type: 'withdrawal',
        amount,
        message: `Đang xử lý rút ${vnd(amount)} VND`,
        requestId: randomUUID(),
        createdAt: now,
        expiresAt: undefined,
        paymentUrl: undefined,
        deeplink: undefined,
        qrCodeData: undefined,
      });
      this.#notifier.paymentStatusUpdate(
        userId,
        {
          transactionId: created.id,
          status: 'pending',
          amount,
          transactionType: 'withdrawal',
          message: created.message,
        },
        tx,
      );
      return created;
    });
    this.#schedule(record.id, this.#options.withdrawalDelayMs, () =>
      this.completeWithdrawal(record.id),
    );
    return record;
  }

  completeWithdrawal(id: string): void {
    this.#timers.delete(id);
    this.#store.eventLog.transaction((tx) => {
      const record = this.#store.get(id);
      if (!record || record.status !== 'pending') return;
      const now = Date.now();
      if (this.#store.balance(record.userId) < record.amount) {
        this.#finish(record, 'failed', 'insufficient_funds', 'Số dư không đủ để rút tiền', tx);
        return;
      }
      const newBalance = this.#store.addToBalance(record.userId, -record.amount);
      const message = `Rút tiền thành công ${vnd(record.amount)} VND`;
      this.#store.update(id, { status: 'completed', newBalance, message, updatedAt: now });
      this.#notifier.withdrawalCompleted(
        record.userId,
        { transactionId: id, amount: record.amount, newBalance, message },
        tx,
      );
    });
  }

  #credit(
    record: TransactionRecord,
    providerTransactionId: string,
    now: number,
    tx: StoreTransaction,
  ): void {
    tx.onCommit(() => this.#unschedule(record.id));
    const newBalance = this.#store.addToBalance(record.userId, record.amount);
    const message = `Nạp tiền thành công ${vnd(record.amount)} VND`;
    this.#store.update(record.id, {
      status: 'completed',
      newBalance,
      providerTransactionId,
      message,
      updatedAt: now,
    });
    this.#notifier.depositCompleted(
      record.userId,
      {
        transactionId: record.id,
        amount: record.amount,
        newBalance,
        providerTransactionId,
        message,
      },
      tx,
    );
  }

  #finish(
    record: TransactionRecord,
    status: 'failed' | 'cancelled',
    reason: string,
    message: string,
    tx: StoreTransaction,
  ): TransactionRecord {
    tx.onCommit(() => this.#unschedule(record.id));
    const updated = this.#store.update(record.id, {
      status,
      reason,
      message,
      updatedAt: Date.now(),
    });
    this.#notifier.paymentStatusUpdate(
      record.userId,
      {
        transactionId: record.id,
        status,
        amount: record.amount,
        transactionType: record.type,
        message,
        metadata: { reason },
      },
      tx,
    );
    return updated;
  }

  #unschedule(id: string): void {
    this.#reconciler.untrack(id);
    this.#timers.get(id)?.clear();
    this.#timers.delete(id);
  }

  #schedule(id: string, delayMs: number, run: () => void): void {
    this.#unschedule(id);
    const timer = setLongTimeout(() => {
      try {
        run();
      } catch (error) {
        (this.#options.onError ?? console.error)(error);
      }
    }, delayMs);
    this.#timers.set(id, timer);
  }
}

/** A deposit MoMo did not create, as the REST API answers it (502: the upstream failed). */
function providerError(error: unknown): PaymentError | unknown {
  if (!(error instanceof MomoApiError)) return error;
  if (error.retryable)
    return new PaymentError(
      'provider',
      'PROVIDER_UNAVAILABLE',
      `MoMo could not be reached: ${error.message}`,
    );
  return new PaymentError(
    'provider',
    'PROVIDER_ERROR',
    error.resultCode === undefined
      ? `MoMo's answer was not usable: ${error.message}`
      : `MoMo refused the payment (resultCode ${error.resultCode}): ${error.message}`,
  );
}
