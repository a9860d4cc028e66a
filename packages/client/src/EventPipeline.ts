import {
  PAYMENT_EVENT_SCHEMAS,
  canTransition,
  type PaymentEventKind,
  type TransactionSnapshot,
  type TransactionStatus,
  type TransactionType,
} from '@paysocket/protocol';
import { LatencyWindow } from './LatencyWindow';
import { invalidEventError, type PaymentSocketError } from './PaymentSocketError';
import { eventFromSnapshot, type AnyPaymentEvent } from './eventFromSnapshot';
import { evictOldest, rememberBounded } from './rememberBounded';
import type { TransactionState } from './types';

const SEEN_LIMIT = 2000;
const TRANSACTION_LIMIT = 500;

export interface PipelineOutput {
  deliver(event: AnyPaymentEvent): void;
  error(error: PaymentSocketError): void;
  changed(state: TransactionState): void;
}

/**
 * Validate, de-duplicate, fold into transaction states, dispatch: everything that happens to a
 * payment event between the socket (or a look-up) and application code. Memory is bounded;
 * followed transactions are never evicted.
 */
export class EventPipeline {
  #transactions = new Map<string, TransactionState>();
  /** Transactions someone watches, with how many watchers. */
  #followed = new Map<string, number>();
  readonly latency = new LatencyWindow();
  received = 0;
  rejected = 0;
  dropped = 0;
  /** Dedupe keys; a terminal outcome's key holds its transactionId, so a followed one stays. */
  #seen = new Map<string, string>();
  #keepSeen = (_key: string, id: string) => this.#followed.has(id);
  #keep = (id: string) => this.#followed.has(id);

  constructor(readonly out: PipelineOutput) {}

  /** The folded state of a transaction: the same object until it changes. */
  get(transactionId: string): TransactionState | undefined {
    return this.#transactions.get(transactionId);
  }

  /** Keeps a transaction (never evicted) until as many `unfollow`s; true for the first follower. */
  follow(transactionId: string): boolean {
    const count = this.#followed.get(transactionId) ?? 0;
    this.#followed.set(transactionId, count + 1);
    return count === 0;
  }

  unfollow(transactionId: string): void {
    const left = (this.#followed.get(transactionId) ?? 0) - 1;
    if (left > 0) this.#followed.set(transactionId, left);
    else this.#followed.delete(transactionId);
  }

  followedIds(): string[] {
    return [...this.#followed.keys()];
  }

  /** How many transaction states are kept. */
  get size(): number {
    return this.#transactions.size;
  }

  /**
   * A v1 payment event straight from the wire. Returns its `seq` when it was valid (delivered
   * or dropped), so the caller can keep lastSeq; `clockOffsetMs` is given for live events only.
   */
  receive(kind: PaymentEventKind, name: string, payload: unknown, clockOffsetMs?: number) {
    this.received++;
    const result = PAYMENT_EVENT_SCHEMAS[kind].safeParse(payload);
    if (!result.success) {
      this.rejected++;
      this.out.error(invalidEventError(name, result.error, payload));
      return undefined;
    }
    this.accept(result.data, clockOffsetMs);
    return result.data.seq;
  }

  /** A valid event: dropped if already delivered or if it would regress a final status. */
  accept(event: AnyPaymentEvent, clockOffsetMs?: number, snapshot?: TransactionSnapshot): void {
    const { transactionId: id, type: kind } = event;
    const update = kind === 'payment_status_update' ? event : undefined;
    const status: TransactionStatus = update ? update.status : 'completed';
    const type = update
      ? update.transactionType
      : kind === 'deposit_completed'
        ? 'deposit'
        : 'withdrawal';
    const key = status === 'pending' ? event.eventId : `${kind} ${id} ${status}`;
    const current = this.#transactions.get(id);
    if (
      (key !== undefined && this.#seen.has(key)) ||
      (current && current.status !== status && !canTransition(current, status, type))
    ) {
      this.dropped++;
      return;
    }
    if (key !== undefined) {
      // Known to be absent (checked above), so no recency shuffle is needed: a plain insert.
      const seen = this.#seen;
      seen.set(key, status === 'pending' ? '' : id);
      if (seen.size > SEEN_LIMIT) evictOldest(seen, SEEN_LIMIT, key, this.#keepSeen);
    }
    if (clockOffsetMs !== undefined) {
      // The offset comes from a one-way message, so it is short by that message's transit
      // time; a sample below zero is that error, not an event from the future.
      this.latency.add(Math.max(0, Date.now() + clockOffsetMs - Date.parse(event.timestamp)));
    }
    this.#fold(
      id,
      status,
      update?.metadata?.reason,
      type,
      event,
      snapshot ?? current?.snapshot,
      event.timestamp,
    );
    this.out.deliver(event);
  }

  /** A looked-up transaction: delivered as the event it stands for, or folded in as it is. */
  applySnapshot(snapshot: TransactionSnapshot): void {
    const event = eventFromSnapshot(snapshot);
    if (event) return this.accept(event, undefined, snapshot);
    const current = this.#transactions.get(snapshot.transactionId);
    const same = current?.status === snapshot.status;
    if (current && !same && !canTransition(current, snapshot.status, snapshot.type)) return;
    // The server bumps updatedAt on every change: the same one again is nothing new.
    if (
      same &&
      current.reason === snapshot.reason &&
      current.snapshot?.updatedAt === snapshot.updatedAt
    ) {
      return;
    }
    this.#fold(
      snapshot.transactionId,
      snapshot.status,
      snapshot.reason,
      snapshot.type,
      // An event that set an older status no longer describes this state.
      same ? current.event : undefined,
      snapshot,
      snapshot.updatedAt,
    );
  }

  forget(): void {
    this.#seen.clear();
    this.#transactions.clear();
    this.#followed.clear();
  }

  /** Stores a new state object: absent parts are left out rather than set to undefined. */
  #fold(
    transactionId: string,
    status: TransactionStatus,
    reason: string | undefined,
    type: TransactionType,
    event: AnyPaymentEvent | undefined,
    snapshot: TransactionSnapshot | undefined,
    updatedAt: string,
  ): void {
    const state: TransactionState = { transactionId, status, type, updatedAt };
    if (reason !== undefined) state.reason = reason;
    if (event !== undefined) state.event = event;
    if (snapshot !== undefined) state.snapshot = snapshot;
    rememberBounded(this.#transactions, transactionId, state, TRANSACTION_LIMIT, this.#keep);
    this.out.changed(state);
  }
}
