import type { PaymentEvent, PaymentEventName } from '@paysocket/protocol';

/** A unit of work in the backend's store; events appended in it are told after it commits. */
export interface StoreTransaction {
  /** Runs `callback` once the transaction has committed (never if it rolls back). */
  onCommit(callback: () => void): void;
}

/** A payment event as the log keeps it. */
export interface StoredEvent {
  userId: string;
  seq: number;
  eventId: string;
  name: PaymentEventName;
  /** The event exactly as emitted, `eventId` and `seq` included. */
  payload: PaymentEvent;
  createdAt: number;
}

/** A payment event before the log stamps it. */
export type UnsequencedEvent = Omit<PaymentEvent, 'eventId' | 'seq'>;

/** What a reconnecting client missed. */
export interface ReplayResult {
  /** The user's events after the requested seq, oldest first. */
  events: StoredEvent[];
  /** The user's latest seq in the log. */
  lastSeq: number;
  /** True when retention dropped some of the events after the requested seq. */
  gap: boolean;
}

/**
 * The per-user event log behind replay: bounded, with retention, and written inside the
 * store transaction that changes the payment state.
 */
export interface EventLog {
  /** Names this log; changes only if the log is lost. */
  readonly epoch: string;
  /** Runs `work` in one store transaction, joining the transaction already open if any. */
  transaction<T>(work: (tx: StoreTransaction) => T): T;
  /** Stamps the next `seq` and an `eventId` on the event and stores it within `tx`. */
  append(
    tx: StoreTransaction,
    userId: string,
    name: PaymentEventName,
    event: UnsequencedEvent,
  ): StoredEvent;
  /** The user's events after `afterSeq`. */
  replay(userId: string, afterSeq: number): ReplayResult | Promise<ReplayResult>;
  /** The user's latest seq (0 before the first event). */
  lastSeq(userId: string): number | Promise<number>;
}

/**
 * A per-user event log on an asynchronous store shared by several nodes (Redis): each
 * append is atomic on its own and resolves once stored, so `seq` stays strictly
 * increasing per user whichever node appends.
 */
export interface AsyncEventLog {
  /** Names this log; changes only if the log is lost. */
  readonly epoch: string;
  /** Stamps the next `seq` and an `eventId` on the event and stores it. */
  append(userId: string, name: PaymentEventName, event: UnsequencedEvent): Promise<StoredEvent>;
  /** The user's events after `afterSeq`, read together with the user's latest seq. */
  replay(userId: string, afterSeq: number): Promise<ReplayResult>;
  /** The user's latest seq (0 before the first event). */
  lastSeq(userId: string): Promise<number>;
}
