import { canTransition, isTerminalStatus, type TerminalStatus } from '@paysocket/protocol';
import type { PaymentSocketError } from './PaymentSocketError';
import type {
  TransactionObserverApi,
  TransactionObserverSnapshot,
  TransactionOutcome,
  TransactionState,
} from './types';

/** What an observer needs from the client that made it. */
export interface ObserverHost {
  /** The client's folded state of a transaction, if it has one. */
  state(transactionId: string): TransactionState | undefined;
  /** The observer gained its first listener (`true`) or lost its last (`false`). */
  use(observer: TransactionObserver, inUse: boolean): void;
  /** A look-up now; never rejects (a failure reaches the observer through `failed`). */
  lookup(transactionId: string): Promise<void>;
  /** Runs application code so that a throw cannot break the client. */
  call<T>(fn: (arg: T) => unknown, arg: T): void;
}

type OutcomeListener = (outcome: TransactionOutcome) => void;

const UNKNOWN: TransactionObserverSnapshot = Object.freeze({ status: 'unknown' });

/**
 * One transaction as the client knows it, for any number of listeners: the folded status,
 * the errors about it, each terminal outcome told once per listener, and the forced look-up.
 * The client keeps at most one per transactionId alive and tells it of every change.
 */
export class TransactionObserver implements TransactionObserverApi {
  readonly transactionId: string;
  #host: ObserverHost;
  #subscribers = new Set<() => void>();
  #outcomeListeners = new Set<OutcomeListener>();
  /** Outcomes each listener was told; outlives its removal, so adding it again repeats none. */
  #told = new WeakMap<OutcomeListener, Set<TerminalStatus>>();
  /** The client state the snapshot shows. */
  #shown: TransactionState | undefined;
  #error: PaymentSocketError | undefined;
  #snapshot = UNKNOWN;
  #refreshing: Promise<TransactionObserverSnapshot> | undefined;

  constructor(transactionId: string, host: ObserverHost) {
    this.transactionId = transactionId;
    this.#host = host;
    this.#sync();
  }

  get inUse(): boolean {
    return this.#subscribers.size + this.#outcomeListeners.size > 0;
  }

  /** Bound, like `getSnapshot`, so both can go to `useSyncExternalStore` as they are. */
  subscribe = (listener: () => void): (() => void) => {
    const entry = () => listener();
    this.#add(this.#subscribers, entry);
    return () => this.#remove(this.#subscribers, entry);
  };

  getSnapshot = (): TransactionObserverSnapshot => {
    this.#sync();
    return this.#snapshot;
  };

  onOutcome(listener: OutcomeListener): () => void {
    if (!this.#told.has(listener)) this.#told.set(listener, new Set());
    this.#add(this.#outcomeListeners, listener);
    this.#tell(listener);
    return () => this.#remove(this.#outcomeListeners, listener);
  }

  refresh(): Promise<TransactionObserverSnapshot> {
    this.#refreshing ??= this.#host.lookup(this.transactionId).then(() => {
      this.#refreshing = undefined;
      return this.getSnapshot();
    });
    return this.#refreshing;
  }

  /** The client's state of this transaction may have changed. */
  changed(): void {
    if (this.#sync()) this.#announce();
  }

  /** Something about this transaction went wrong (a failed look-up, a refused event). */
  failed(error: PaymentSocketError): void {
    this.#error = error;
    this.#rebuild();
    this.#announce();
  }

  /** A look-up answered: an earlier failure no longer describes this transaction. */
  answered(): void {
    if (this.#error === undefined) return;
    this.#error = undefined;
    this.#rebuild();
    this.#announce();
  }

  /** Drops every listener (the client was destroyed). */
  clear(): void {
    this.#subscribers.clear();
    this.#outcomeListeners.clear();
  }

  /**
   * Moves the snapshot to the client's state when the status rules allow it: a state the
   * client forgot (a user switch) or one that would go back leaves the last one shown.
   */
  #sync(): boolean {
    const shown = this.#shown;
    const next = this.#host.state(this.transactionId);
    if (next === undefined || next === shown) return false;
    if (
      shown !== undefined &&
      shown.status !== next.status &&
      !canTransition(shown, next.status, next.type ?? shown.type)
    ) {
      return false;
    }
    this.#shown = next;
    this.#error = undefined;
    this.#rebuild();
    return true;
  }

  #rebuild(): void {
    const state = this.#shown;
    const snapshot: TransactionObserverSnapshot = { status: state?.status ?? 'unknown' };
    if (state?.event !== undefined) snapshot.event = state.event;
    if (state?.reason !== undefined) snapshot.reason = state.reason;
    if (this.#error !== undefined) snapshot.error = this.#error;
    if (state !== undefined) snapshot.updatedAt = state.updatedAt;
    this.#snapshot = snapshot;
  }

  #announce(): void {
    for (const subscriber of [...this.#subscribers]) this.#host.call(subscriber, undefined);
    for (const listener of [...this.#outcomeListeners]) this.#tell(listener);
  }

  #tell(listener: OutcomeListener): void {
    const snapshot = this.#snapshot;
    const told = this.#told.get(listener);
    if (!isOutcome(snapshot) || !told || told.has(snapshot.status)) return;
    told.add(snapshot.status);
    this.#host.call(listener, snapshot);
  }

  #add<T>(set: Set<T>, entry: T): void {
    const wasInUse = this.inUse;
    set.add(entry);
    if (!wasInUse) this.#host.use(this, true);
  }

  #remove<T>(set: Set<T>, entry: T): void {
    if (set.delete(entry) && !this.inUse) this.#host.use(this, false);
  }
}

function isOutcome(snapshot: TransactionObserverSnapshot): snapshot is TransactionOutcome {
  return snapshot.status !== 'unknown' && isTerminalStatus(snapshot.status);
}
