import {
  canTransition,
  isTerminalStatus,
  type PaymentEvent,
  type TerminalStatus,
  type TransactionStatus,
  type TransactionSnapshot,
  type TransactionType,
} from '@paysocket/protocol';
import { PaymentSocketError } from '@paysocket/client';
import type {
  ClientEventMap,
  ClientEventName,
  ClientMetrics,
  ClientState,
  PaymentSocketClientApi,
  TransactionObserverApi,
  TransactionObserverSnapshot,
  TransactionState,
  TransactionWatch,
  WatchOptions,
  WatchResult,
} from '@paysocket/client';
// The client's own observer and look-up folding, so the hooks are tested against the real
// logic rather than a copy of it.
import { eventFromSnapshot } from '../../../client/src/eventFromSnapshot';
import { TransactionObserver, type ObserverHost } from '../../../client/src/TransactionObserver';

type Listener<K extends ClientEventName> = (payload: ClientEventMap[K]) => void;
type ListenerTable = { [K in ClientEventName]: { fn: Listener<K> }[] };

interface OpenWatch {
  transactionId: string;
  options: WatchOptions;
  settle(result: WatchResult): void;
}

const INITIAL_STATE: ClientState = {
  status: 'idle',
  attempt: 0,
  lastError: null,
  userId: null,
  caughtUp: false,
  serverTimeOffsetMs: 0,
  epoch: null,
  lastSeq: null,
};

/**
 * An in-memory `PaymentSocketClientApi` for UI tests: no socket, no timers of its own.
 * Tests drive it with `setState`, `acceptConnection`, `deliver`, `setTransaction`, `emit` and
 * `lookupTransaction` (what a look-up answers), and read back what the code under test did through `setUserCalls`, `followCount`,
 * `watchCalls`, `openWatchCount`, `listenerCount` and `subscriberCount`.
 */
export class FakePaymentSocketClient implements PaymentSocketClientApi {
  /** Every `setUser` argument, in call order. */
  readonly setUserCalls: (string | null)[] = [];
  /** Every `watchTransaction` id, in call order. */
  readonly watchCalls: string[] = [];
  /** How many times `connect`, `disconnect` and `destroy` were called. */
  readonly calls = { connect: 0, disconnect: 0, destroy: 0 };
  /** What `observe(id).refresh()` and `refreshTransaction(id)` ask; by default nothing is found. */
  lookupTransaction: (transactionId: string) => Promise<TransactionSnapshot | null> = () =>
    Promise.resolve(null);

  #state: ClientState;
  #subscribers = new Set<() => void>();
  #listeners: ListenerTable = {
    deposit_completed: [],
    withdrawal_completed: [],
    payment_status_update: [],
    error: [],
  };
  #transactions = new Map<string, TransactionState>();
  #watches = new Set<OpenWatch>();
  #followed = new Map<string, number>();
  #observers = new Map<string, TransactionObserver>();
  /** The follow each observer in use holds. */
  #observerFollows = new Map<TransactionObserver, () => void>();
  #observerHost: ObserverHost = {
    state: (transactionId) => this.#transactions.get(transactionId),
    use: (observer, inUse) => {
      if (inUse) this.#observerFollows.set(observer, this.follow(observer.transactionId));
      else {
        this.#observerFollows.get(observer)?.();
        this.#observerFollows.delete(observer);
      }
    },
    lookup: async (transactionId) => {
      try {
        const found = await this.lookupTransaction(transactionId);
        if (found) this.#applySnapshot(found);
        this.#observers.get(transactionId)?.answered();
      } catch (cause) {
        this.fail(
          new PaymentSocketError('LOOKUP_FAILED', `Look-up of ${transactionId} failed`, {
            cause,
            transactionId,
          }),
        );
      }
    },
    call: (fn, arg) => void fn(arg),
  };

  constructor(initial: Partial<ClientState> = {}) {
    this.#state = { ...INITIAL_STATE, ...initial };
  }

  // --- PaymentSocketClientApi ---

  setUser(userId: string | null): void {
    this.setUserCalls.push(userId);
    if (userId === this.#state.userId) return;
    // Like the real client: a different user forgets everything kept for the previous one.
    this.#transactions.clear();
    this.#followed.clear();
    // Like the real client: whoever still listens to an observer keeps it followed.
    for (const observer of this.#observerFollows.keys()) {
      this.#observerFollows.set(observer, this.follow(observer.transactionId));
    }
    this.#settleAll({ status: 'aborted' });
    this.setState({
      userId,
      status: userId === null ? 'idle' : 'connecting',
      attempt: 0,
      lastError: null,
      caughtUp: false,
      epoch: null,
      lastSeq: null,
    });
  }

  getState(): ClientState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    const entry = () => listener();
    this.#subscribers.add(entry);
    return () => {
      this.#subscribers.delete(entry);
    };
  }

  getTransaction(transactionId: string): TransactionState | undefined {
    return this.#transactions.get(transactionId);
  }

  on<K extends ClientEventName>(name: K, listener: Listener<K>): () => void {
    const list = this.#listeners[name] as { fn: Listener<K> }[];
    const entry = { fn: listener };
    list.push(entry);
    return () => {
      const index = list.indexOf(entry);
      if (index !== -1) list.splice(index, 1);
    };
  }

  listenerCount(name: ClientEventName): number {
    return this.#listeners[name].length;
  }

  follow(transactionId: string): () => void {
    this.#followed.set(transactionId, (this.#followed.get(transactionId) ?? 0) + 1);
    let released = false;
    const followedAs = this.#state.userId;
    return () => {
      // A release after a user switch refers to what the switch already forgot.
      if (released || followedAs !== this.#state.userId) return;
      released = true;
      const left = (this.#followed.get(transactionId) ?? 1) - 1;
      if (left > 0) this.#followed.set(transactionId, left);
      else this.#followed.delete(transactionId);
    };
  }

  observe(transactionId: string): TransactionObserverApi {
    let observer = this.#observers.get(transactionId);
    if (!observer) {
      observer = new TransactionObserver(transactionId, this.#observerHost);
      this.#observers.set(transactionId, observer);
    }
    return observer;
  }

  refreshTransaction(transactionId: string): Promise<TransactionObserverSnapshot> {
    return this.observe(transactionId).refresh();
  }

  watchTransaction(transactionId: string, options: WatchOptions = {}): TransactionWatch {
    this.watchCalls.push(transactionId);
    let settle!: (result: WatchResult) => void;
    const promise = new Promise<WatchResult>((resolve) => {
      settle = resolve;
    });
    const watch: OpenWatch = {
      transactionId,
      options,
      settle: (result) => {
        if (!this.#watches.delete(watch)) return;
        options.signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) clearTimeout(timer);
        settle(result);
      },
    };
    const onAbort = () => watch.settle({ status: 'aborted' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.#watches.add(watch);
    const known = this.#transactions.get(transactionId);
    if (options.signal?.aborted) watch.settle({ status: 'aborted' });
    else if (known && isTerminalStatus(known.status)) watch.settle(resultOf(known, known.status));
    else {
      options.signal?.addEventListener('abort', onAbort);
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => watch.settle({ status: 'timeout' }), options.timeoutMs);
      }
    }
    return Object.assign(promise, { cancel: () => watch.settle({ status: 'aborted' }) });
  }

  getMetrics(): ClientMetrics {
    return {
      connects: 0,
      reconnects: 0,
      eventsReceived: 0,
      eventsRejected: 0,
      duplicatesDropped: 0,
      catchUps: 0,
      latency: { count: 0, p50: null, p95: null, p99: null },
    };
  }

  connect(): void {
    this.calls.connect += 1;
    if (this.#state.status !== 'connected') this.setState({ status: 'connecting' });
  }

  disconnect(): void {
    this.calls.disconnect += 1;
    this.setState({ status: 'idle', caughtUp: false });
  }

  destroy(): void {
    this.calls.destroy += 1;
    this.#settleAll({ status: 'aborted' });
    this.setState({ status: 'closed', caughtUp: false });
  }

  // --- driving the fake ---

  /** Replaces part of the state (a new object, as the real client does) and notifies. */
  setState(patch: Partial<ClientState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#notify();
  }

  /** The connection is up and caught up. */
  acceptConnection(): void {
    this.setState({ status: 'connected', attempt: 0, lastError: null, caughtUp: true });
  }

  /** Sets a transaction's state as the client would after a look-up, and notifies watches. */
  setTransaction(
    state: Omit<TransactionState, 'updatedAt'> & { updatedAt?: string },
  ): TransactionState {
    const next: TransactionState = { updatedAt: new Date().toISOString(), ...state };
    this.#transactions.set(next.transactionId, next);
    this.#notify();
    this.#observers.get(next.transactionId)?.changed();
    for (const watch of [...this.#watches]) {
      if (watch.transactionId !== next.transactionId) continue;
      watch.options.onUpdate?.(next);
      if (isTerminalStatus(next.status)) watch.settle(resultOf(next, next.status));
    }
    return next;
  }

  /**
   * Delivers a payment event the way the real client does: folds it into the transaction's
   * state by the protocol's status rules, then calls the listeners of its kind. A repeated
   * or regressing terminal outcome is dropped; returns whether the event was delivered.
   */
  deliver(event: PaymentEvent): boolean {
    const { status, reason, type } = outcomeOf(event);
    const previous = this.#transactions.get(event.transactionId);
    const repeat = previous !== undefined && previous.status === status;
    if (previous && !canTransition(previous, status, type) && !(repeat && status === 'pending')) {
      return false;
    }
    this.setTransaction({
      transactionId: event.transactionId,
      status,
      type,
      event,
      ...(reason === undefined ? {} : { reason }),
    });
    switch (event.type) {
      case 'deposit_completed':
        this.emit('deposit_completed', event);
        break;
      case 'withdrawal_completed':
        this.emit('withdrawal_completed', event);
        break;
      case 'payment_status_update':
        this.emit('payment_status_update', event);
        break;
    }
    return true;
  }

  /** Calls every listener of one event kind with `payload`, as is (no folding, no dedupe). */
  emit<K extends ClientEventName>(name: K, payload: ClientEventMap[K]): void {
    for (const entry of [...(this.#listeners[name] as { fn: Listener<K> }[])]) entry.fn(payload);
  }

  /** Emits an `error` event and, when `asState`, also makes it the state's `lastError`. */
  fail(error: PaymentSocketError, asState = false): void {
    if (asState) this.setState({ lastError: error });
    this.emit('error', error);
    if (error.transactionId !== undefined) this.#observers.get(error.transactionId)?.failed(error);
  }

  /** How many `follow`s of `transactionId` are not released yet. */
  followCount(transactionId: string): number {
    return this.#followed.get(transactionId) ?? 0;
  }

  /** Transactions followed at least once and not released. */
  followedIds(): string[] {
    return [...this.#followed.keys()];
  }

  /** Watches still open, for one transaction or in all. */
  openWatchCount(transactionId?: string): number {
    let count = 0;
    for (const watch of this.#watches) {
      if (transactionId === undefined || watch.transactionId === transactionId) count += 1;
    }
    return count;
  }

  /** Subscribers of `subscribe` (what `useSyncExternalStore` holds). */
  subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** A look-up's answer, folded as the real client does: as its event when it has one. */
  #applySnapshot(snapshot: TransactionSnapshot): void {
    const event = eventFromSnapshot(snapshot);
    if (event) {
      this.deliver(event);
      return;
    }
    const current = this.#transactions.get(snapshot.transactionId);
    if (!current || canTransition(current, snapshot.status, snapshot.type)) {
      this.setTransaction({
        transactionId: snapshot.transactionId,
        status: snapshot.status,
        type: snapshot.type,
        ...(snapshot.reason === undefined ? {} : { reason: snapshot.reason }),
      });
    }
  }

  #notify(): void {
    for (const subscriber of [...this.#subscribers]) subscriber();
  }

  #settleAll(result: WatchResult): void {
    for (const watch of [...this.#watches]) watch.settle(result);
  }
}

function outcomeOf(event: PaymentEvent): {
  status: TransactionStatus;
  reason: string | undefined;
  type: TransactionType;
} {
  switch (event.type) {
    case 'deposit_completed':
      return { status: 'completed', reason: undefined, type: 'deposit' };
    case 'withdrawal_completed':
      return { status: 'completed', reason: undefined, type: 'withdrawal' };
    case 'payment_status_update':
      return {
        status: event.status,
        reason: event.metadata?.reason,
        type: event.transactionType,
      };
  }
}

function resultOf(state: TransactionState, status: TerminalStatus): WatchResult {
  return {
    status,
    ...(state.event === undefined ? {} : { event: state.event }),
    ...(state.reason === undefined ? {} : { reason: state.reason }),
  };
}
