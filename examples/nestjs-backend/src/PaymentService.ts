import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  API_PATHS,
  canTransition,
  mapMomoResultCode,
  type TransactionSnapshot,
  type TransactionsPage,
} from '@paysocket/protocol';
import { MomoApiError, type MomoClient } from '@paysocket/server';
import { ApiError } from './ApiError.js';
import type { BackendConfig } from './config.js';
import type { NotificationGateway } from './NotificationGateway.js';
import { toSnapshot } from './toSnapshot.js';
import type { PaymentStore, TransactionRecord } from './PaymentStore.js';
import { CONFIG, MOMO_CLIENT, NOTIFICATION_GATEWAY, PAYMENT_STORE } from './tokens.js';

/** A payment result from MoMo, by IPN or by query, already verified as MoMo's. */
export interface MomoResult {
  orderId: string;
  amount: number;
  resultCode: number;
  transId: number | string;
  message: string;
}

const SWEEP_MS = 1000;
const MAX_CHECK_INTERVAL_MS = 5 * 60 * 1000;

/**
 * The wallet: deposits created at MoMo, MoMo's results applied once, withdrawals, and the
 * owner's view of it all. Every state change and its notification go through
 * {@link NotificationGateway.transaction}, so a user is told only what was committed.
 */
@Injectable()
export class PaymentService implements OnApplicationShutdown {
  readonly #logger = new Logger('PaymentService');
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #sweep: NodeJS.Timeout;
  #reconciling = false;

  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(PAYMENT_STORE) private readonly store: PaymentStore,
    @Inject(MOMO_CLIENT) private readonly momo: MomoClient,
    @Inject(NOTIFICATION_GATEWAY) private readonly gateway: NotificationGateway,
  ) {
    // Every node sweeps; the conditional update inside one write transaction lets one win.
    this.#sweep = setInterval(() => void this.reconcile(), SWEEP_MS);
    this.#sweep.unref();
  }

  /** The URL MoMo posts IPNs to; `self` is this server's own origin when PUBLIC_URL is unset. */
  async createDeposit(userId: string, amount: number, self: string): Promise<TransactionSnapshot> {
    const now = Date.now();
    const orderId = `PS${now}${randomBytes(4).toString('hex')}`;
    const base = this.config.publicUrl ?? self;
    this.store.insert({
      id: orderId,
      userId,
      type: 'deposit',
      status: 'pending',
      reason: undefined,
      amount,
      newBalance: undefined,
      providerTransactionId: undefined,
      message: 'Đang chờ thanh toán MoMo',
      createdAt: now,
      updatedAt: now,
      expiresAt: now + this.config.depositTtlMs,
      paymentUrl: undefined,
      deeplink: undefined,
      qrCodeData: undefined,
    });
    this.store.scheduleCheck(orderId, now + this.config.reconcileAfterMs, 0);
    try {
      const created = await this.momo.createPayment({
        orderId,
        requestId: randomUUID(),
        amount,
        orderInfo: `Nạp ${amount.toLocaleString('vi-VN')} VND vào ví`,
        redirectUrl: `${base}/`,
        ipnUrl: `${base}${API_PATHS.momoCallback}`,
      });
      this.store.update(orderId, {
        paymentUrl: created.payUrl,
        ...(created.deeplink ? { deeplink: created.deeplink } : {}),
        ...(created.qrCodeUrl ? { qrCodeData: created.qrCodeUrl } : {}),
      });
    } catch (error) {
      // Nothing can be paid: the deposit is closed at once, and nobody is told (it was never shown).
      this.store.update(orderId, {
        status: 'failed',
        reason:
          error instanceof MomoApiError && error.resultCode !== undefined
            ? `momo_${error.resultCode}`
            : 'provider_unavailable',
        message: 'MoMo không tạo được giao dịch',
      });
      this.#logger.warn(`MoMo create failed for ${orderId}: ${String(error)}`);
      throw new ApiError(502, 'PROVIDER_ERROR', 'MoMo could not create the payment');
    }
    return toSnapshot(this.store.byId(orderId) as TransactionRecord);
  }

  /**
   * Applies a verified MoMo result: success credits once; a decline or failure records its
   * reason; a pending result is told once per result code; a repeat changes nothing; a
   * contradicting final result is refused (409), except that success still completes an
   * expired or user-cancelled deposit, because the money was taken.
   */
  async applyMomoResult(result: MomoResult): Promise<void> {
    const outcome = mapMomoResultCode(result.resultCode);
    await this.gateway.transaction(() => {
      const deposit = this.store.byId(result.orderId);
      if (!deposit || deposit.type !== 'deposit')
        throw new ApiError(404, 'UNKNOWN_ORDER', `no deposit ${result.orderId}`);
      if (result.amount !== deposit.amount)
        throw new ApiError(
          400,
          'AMOUNT_MISMATCH',
          `expected ${deposit.amount}, got ${result.amount}`,
        );
      const current = { status: deposit.status, reason: deposit.reason };
      if (outcome.status === 'pending') {
        if (
          current.status === 'pending' &&
          this.store.firstPendingResult(deposit.id, result.resultCode)
        )
          void this.#told(
            this.gateway.notifyPaymentStatusUpdate(deposit.userId, {
              transactionId: deposit.id,
              status: 'pending',
              amount: deposit.amount,
              transactionType: 'deposit',
              message: result.message,
            }),
          );
        return;
      }
      if (outcome.status === current.status) return;
      if (!canTransition(current, outcome.status))
        throw new ApiError(409, 'CONFLICT', `deposit is already ${current.status}`);
      if (outcome.status === 'completed') {
        const newBalance = this.store.addToBalance(deposit.userId, deposit.amount);
        const providerTransactionId = String(result.transId);
        this.store.update(deposit.id, {
          status: 'completed',
          reason: undefined,
          newBalance,
          providerTransactionId,
          message: 'Nạp tiền thành công',
        });
        void this.#told(
          this.gateway.notifyDepositCompleted(deposit.userId, {
            transactionId: deposit.id,
            amount: deposit.amount,
            newBalance,
            providerTransactionId,
          }),
        );
      } else {
        this.#close(deposit, outcome.status, outcome.reason, result.message);
      }
    });
  }

  async cancelDeposit(userId: string, id: string): Promise<TransactionSnapshot> {
    await this.gateway.transaction(() => {
      const deposit = this.#own(userId, id);
      if (deposit.type !== 'deposit')
        throw new ApiError(400, 'NOT_A_DEPOSIT', `${id} is not a deposit`);
      if (deposit.status === 'cancelled' && deposit.reason === 'user_cancelled') return;
      if (deposit.status !== 'pending')
        throw new ApiError(409, 'CONFLICT', `deposit is already ${deposit.status}`);
      this.#close(deposit, 'cancelled', 'user_cancelled', 'Bạn đã huỷ giao dịch');
    });
    return toSnapshot(this.store.byId(id) as TransactionRecord);
  }

  /** Development only: completes a pending deposit as if MoMo had confirmed it. */
  async confirmDeposit(userId: string, id: string): Promise<TransactionSnapshot> {
    const deposit = this.#own(userId, id);
    await this.applyMomoResult({
      orderId: deposit.id,
      amount: deposit.amount,
      resultCode: 0,
      transId: `dev-${Date.now()}`,
      message: 'confirmed in development',
    });
    return toSnapshot(this.store.byId(id) as TransactionRecord);
  }

  /** A withdrawal is debited at once and completes after a short delay (a payout's round trip). */
  async withdraw(userId: string, amount: number): Promise<TransactionSnapshot> {
    const id = `WD${Date.now()}${randomBytes(4).toString('hex')}`;
    await this.gateway.transaction(() => {
      if (this.store.balance(userId) < amount)
        throw new ApiError(400, 'INSUFFICIENT_FUNDS', 'the balance is lower than the amount');
      this.store.addToBalance(userId, -amount);
      const now = Date.now();
      this.store.insert({
        id,
        userId,
        type: 'withdrawal',
        status: 'pending',
        reason: undefined,
        amount,
        newBalance: undefined,
        providerTransactionId: undefined,
        message: 'Đang xử lý rút tiền',
        createdAt: now,
        updatedAt: now,
        expiresAt: undefined,
        paymentUrl: undefined,
        deeplink: undefined,
        qrCodeData: undefined,
      });
    });
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#completeWithdrawal(id).catch((error: unknown) => this.#logger.error(error));
    }, this.config.withdrawalDelayMs);
    this.#timers.add(timer);
    return toSnapshot(this.store.byId(id) as TransactionRecord);
  }

  transaction(userId: string, id: string): TransactionSnapshot {
    return toSnapshot(this.#own(userId, id));
  }

  transactions(userId: string, limit: number, cursor: number | undefined): TransactionsPage {
    const rows = this.store.page(userId, cursor ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((record) => toSnapshot(record)),
      nextCursor: rows.length > limit && last ? String(last.position) : null,
    };
  }

  balance(userId: string): number {
    return this.store.balance(userId);
  }

  /**
   * MoMo may send its IPN only once, and a lost IPN must not lose a payment: a pending
   * deposit is queried at MoMo `RECONCILE_AFTER_SECONDS` after creation, then with doubling
   * intervals, and once more at expiry. A final answer goes through the same idempotent
   * path as an IPN; at expiry, a deposit MoMo does not report as final is marked `expired`.
   */
  async reconcile(now = Date.now()): Promise<void> {
    if (this.#reconciling) return;
    this.#reconciling = true;
    try {
      for (const deposit of this.store.dueDeposits(now)) await this.#check(deposit, now);
    } catch (error) {
      // The sweep runs again shortly; a failure here must not take the process down.
      this.#logger.error(error);
    } finally {
      this.#reconciling = false;
    }
  }

  async #check(deposit: TransactionRecord & { checks: number }, now: number): Promise<void> {
    const expired = (deposit.expiresAt ?? 0) <= now;
    try {
      const answer = await this.momo.queryPayment({ orderId: deposit.id, requestId: randomUUID() });
      if (mapMomoResultCode(answer.resultCode).status !== 'pending') {
        await this.applyMomoResult(answer);
        return;
      }
    } catch (error) {
      // Unreachable, or an answer we refuse (another amount): try again later, expire at expiry.

      this.#logger.warn(`MoMo query for ${deposit.id} failed: ${String(error)}`);
    }
    if (!expired) {
      const interval = Math.min(
        this.config.reconcileAfterMs * 2 ** (deposit.checks + 1),
        MAX_CHECK_INTERVAL_MS,
      );
      this.store.scheduleCheck(deposit.id, now + interval, deposit.checks + 1);
      return;
    }
    await this.gateway.transaction(() => {
      const current = this.store.byId(deposit.id);
      if (current?.status === 'pending')
        this.#close(current, 'failed', 'expired', 'Giao dịch đã hết hạn');
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.#sweep);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #completeWithdrawal(id: string): Promise<void> {
    await this.gateway.transaction(() => {
      const withdrawal = this.store.byId(id);
      if (withdrawal?.status !== 'pending') return;
      const newBalance = this.store.balance(withdrawal.userId);
      this.store.update(id, { status: 'completed', newBalance, message: 'Rút tiền thành công' });
      void this.#told(
        this.gateway.notifyWithdrawalCompleted(withdrawal.userId, {
          transactionId: id,
          amount: withdrawal.amount,
          newBalance,
        }),
      );
    });
  }

  #close(
    deposit: TransactionRecord,
    status: 'failed' | 'cancelled',
    reason: string | undefined,
    message: string,
  ): void {
    this.store.update(deposit.id, { status, reason, message });
    void this.#told(
      this.gateway.notifyPaymentStatusUpdate(deposit.userId, {
        transactionId: deposit.id,
        status,
        amount: deposit.amount,
        transactionType: 'deposit',
        message,
        ...(reason === undefined ? {} : { metadata: { reason } }),
      }),
    );
  }

  /** The owner's transaction; anyone else's is not found, so ids reveal nothing. */
  #own(userId: string, id: string): TransactionRecord {
    const record = this.store.byId(id);
    if (!record || record.userId !== userId)
      throw new ApiError(404, 'NOT_FOUND', `no transaction ${id}`);
    return record;
  }

  /** A notification that fails after the commit is logged: the client's REST look-up still finds the state. */
  async #told(notified: Promise<unknown>): Promise<void> {
    try {
      await notified;
    } catch (error) {
      this.#logger.error(error);
    }
  }
}
