import { mapMomoResultCode } from '@paysocket/protocol';
import type { MomoQueryPaymentResponse } from '@paysocket/server';
import { createLimiter, type Limiter } from './createLimiter';
import type { TransactionRecord } from './PaymentStore';
import { nextReconcileAt, type ReconcileSchedule } from './reconcileSchedule';
import { setLongTimeout, type LongTimeout } from './setLongTimeout';

export interface ReconcilerOptions {
  schedule: ReconcileSchedule;
  /** Queries in flight at once, across all deposits. */
  concurrency: number;
  /** Asks MoMo about an order (`queryPayment` with a fresh requestId). */
  query: (orderId: string) => Promise<MomoQueryPaymentResponse>;
  /** The deposit as stored now. */
  load: (orderId: string) => TransactionRecord | undefined;
  /** Applies a final MoMo answer through the same idempotent path as an IPN. */
  apply: (orderId: string, answer: MomoQueryPaymentResponse) => 'applied' | 'duplicate';
  /** Marks a deposit that MoMo says was never paid, queried at or after its expiry, expired. */
  expire: (orderId: string) => void;
  logger?: Pick<Console, 'warn'>;
}

/** Counters for `/metrics`. */
export interface ReconcilerMetrics {
  /** Queries sent to MoMo. */
  reconcileQueries: number;
  /** Deposits credited because a query found them paid. */
  reconcileCredited: number;
  /** Queries that gave no usable answer: MoMo unreachable, a refusal, a mismatch, an unknown code. */
  reconcileFailures: number;
}

/** What a query's resultCode says about the payment. */
type Verdict = 'final' | 'waiting' | 'processing' | 'unknown';

/**
 * A deposit the user cancelled on our side may still have been paid in the MoMo app at
 * the same moment; a success still credits it, so it is asked about once more at expiry.
 */
const isUserCancelled = (record: TransactionRecord) =>
  record.status === 'cancelled' && record.reason === 'user_cancelled';

const isWatched = (record: TransactionRecord) =>
  record.type === 'deposit' && (record.status === 'pending' || isUserCancelled(record));

/**
 * Finds the payments whose IPN never arrived. Each pending deposit is queried at MoMo on
 * {@link nextReconcileAt}'s schedule, at most `concurrency` at a time. A final answer goes
 * through `apply` (so an IPN and a query credit once between them); "still waiting for the
 * user" from a query sent at or after expiry expires the deposit. Anything else — MoMo
 * unreachable, a refusal, an answer about another order or amount, "being processed", a
 * code we do not know — leaves the deposit pending and it is queried again later, past its
 * expiry too: money MoMo may have taken is never written off on a guess. A deposit the
 * user cancelled is asked about at its expiry, so a payment made in the MoMo app as they
 * cancelled, whose IPN was lost, is still credited.
 */
export class Reconciler {
  readonly #options: ReconcilerOptions;
  readonly #limit: Limiter;
  readonly #timers = new Map<string, LongTimeout>();
  readonly #inFlight = new Set<string>();
  readonly #metrics: ReconcilerMetrics = {
    reconcileQueries: 0,
    reconcileCredited: 0,
    reconcileFailures: 0,
  };
  #stopped = false;

  constructor(options: ReconcilerOptions) {
    const { firstAfterMs, maxIntervalMs } = options.schedule;
    if (!Number.isSafeInteger(firstAfterMs) || firstAfterMs < 1)
      throw new RangeError('Reconciler: firstAfterMs must be a positive integer');
    if (!Number.isSafeInteger(maxIntervalMs) || maxIntervalMs < firstAfterMs)
      throw new RangeError('Reconciler: maxIntervalMs must be an integer of at least firstAfterMs');
    this.#options = options;
    this.#limit = createLimiter(options.concurrency);
  }

  getMetrics(): ReconcilerMetrics {
    return { ...this.#metrics };
  }

  /**
   * Schedules a pending deposit's next query. A deposit whose first query time has passed
   * (one left by an earlier run) is queried at once, then the schedule goes on from now.
   * A deposit the user cancelled is queried at its expiry (at once if that has passed).
   */
  track(record: TransactionRecord): void {
    if (this.#stopped || !isWatched(record)) return;
    const now = Date.now();
    if (isUserCancelled(record)) {
      this.#at(record.id, Math.max(this.#expiresAt(record), now));
      return;
    }
    const first = nextReconcileAt(
      this.#options.schedule,
      record.createdAt,
      this.#expiresAt(record),
      record.createdAt,
    );
    this.#at(record.id, Math.max(first, now));
  }

  /** Forgets a deposit that reached a final state. */
  untrack(id: string): void {
    this.#timers.get(id)?.clear();
    this.#timers.delete(id);
  }

  /** Stops every timer; answers still in flight are dropped. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) timer.clear();
    this.#timers.clear();
  }

  #expiresAt(record: TransactionRecord): number {
    return record.expiresAt ?? Number.POSITIVE_INFINITY;
  }

  #at(id: string, when: number): void {
    this.untrack(id);
    this.#timers.set(
      id,
      setLongTimeout(() => {
        this.#timers.delete(id);
        void this.#limit(() => this.#reconcile(id));
      }, when - Date.now()),
    );
  }

  async #reconcile(id: string): Promise<void> {
    if (this.#stopped || this.#inFlight.has(id)) return;
    const record = this.#options.load(id);
    if (!record || !isWatched(record)) return;
    this.#inFlight.add(id);
    const sentAt = Date.now();
    // A cancelled deposit MoMo has answered about for good needs no more queries.
    let settled = false;
    try {
      this.#metrics.reconcileQueries += 1;
      const answer = await this.#options.query(id);
      if (this.#stopped) return;
      const verdict = this.#judge(record, answer);
      const completed = mapMomoResultCode(answer.resultCode).status === 'completed';
      if (verdict === 'final' && (completed || record.status === 'pending')) {
        if (this.#options.apply(id, answer) === 'applied' && completed)
          this.#metrics.reconcileCredited += 1;
      } else if (verdict === 'waiting' && sentAt >= this.#expiresAt(record)) {
        if (record.status === 'pending') this.#options.expire(id);
        else settled = true;
      } else if (verdict === 'final') {
        // A decline or failure of a deposit the user already cancelled changes nothing.
        settled = true;
      } else if (verdict === 'unknown') {
        this.#metrics.reconcileFailures += 1;
      }
    } catch (error) {
      if (this.#stopped) return;
      this.#metrics.reconcileFailures += 1;
      this.#warn(`paysocket: query of ${id} failed; it is asked again later`, error);
    } finally {
      this.#inFlight.delete(id);
    }
    const current = this.#options.load(id);
    if (current && isWatched(current) && !settled) {
      const next = nextReconcileAt(
        this.#options.schedule,
        current.createdAt,
        this.#expiresAt(current),
        Date.now(),
      );
      this.#at(id, next);
    }
  }

  #judge(record: TransactionRecord, answer: MomoQueryPaymentResponse): Verdict {
    if (answer.orderId !== record.id || answer.amount !== record.amount) {
      this.#warn(
        `paysocket: ignoring MoMo's answer for ${record.id}: it names order ${answer.orderId} and amount ${answer.amount}, the deposit is ${record.amount}`,
      );
      return 'unknown';
    }
    if (answer.resultCode === 1000) return 'waiting';
    const mapping = mapMomoResultCode(answer.resultCode);
    if (mapping.status === 'pending') return 'processing';
    // A code outside MoMo's documented table may not be final: wait for one that is.
    if (mapping.reason?.startsWith('momo_')) {
      this.#warn(
        `paysocket: MoMo answered ${record.id} with resultCode ${answer.resultCode}; it stays pending`,
      );
      return 'unknown';
    }
    return 'final';
  }

  #warn(message: string, error?: unknown): void {
    const logger = this.#options.logger ?? console;
    if (error === undefined) logger.warn(message);
    else logger.warn(message, error instanceof Error ? error.message : error);
  }
}
