import {
  isFinalState,
  isTerminalStatus,
  transactionSnapshotSchema,
  type PaymentEventKind,
} from '@paysocket/protocol';
import { EventPipeline } from './EventPipeline';
import { PaymentSocketError } from './PaymentSocketError';
import { TransactionObserver, type ObserverHost } from './TransactionObserver';
import type { AnyPaymentEvent } from './eventFromSnapshot';
import { fetchTransaction } from './fetchTransaction';
import type {
  PaymentSocketClientOptions,
  TransactionObserverApi,
  TransactionState,
  TransactionWatch,
  WatchOptions,
  WatchResult,
} from './types';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DeliveryHost {
  /** A valid, de-duplicated event for application listeners. */
  deliver(event: AnyPaymentEvent): void;
  report(error: PaymentSocketError): void;
  /** Some transaction state changed. */
  changed(): void;
  /** Runs application code so that a throw cannot break the client. */
  call<T>(fn: (arg: T) => unknown, arg: T): void;
  /** The current connection (the same object while it lasts), or null while not connected. */
  connection(): object | null;
  /** The token of the current identity, for look-ups in token mode. */
  token(): string | undefined;
  /** A look-up answer carried the server's clock. */
  serverTime(iso: string): void;
  /** The catch-up of the current connection is through. */
  lookedUp(): void;
}

/**
 * Everything between a valid event (or a look-up answer) and application code: the event
 * pipeline, one observer per transaction, watches, and the look-ups that catch up on what a
 * connection missed.
 */
export class Delivery {
  #options: PaymentSocketClientOptions;
  #host: DeliveryHost;
  #pipeline: EventPipeline;
  /** Settles each open watch. */
  #watches = new Set<(result: WatchResult) => void>();
  /** At most one live observer per transaction; one nobody holds any more may be collected. */
  #observers = new Map<string, WeakRef<TransactionObserver>>();
  /** Observers with listeners are held here, so they outlive the caller's reference. */
  #inUse = new Set<TransactionObserver>();
  #collected = new FinalizationRegistry<string>((id) => {
    if (!this.#observers.get(id)?.deref()) this.#observers.delete(id);
  });
  /** Bumped on every identity change: a look-up begun for the previous user counts for nothing. */
  #userGen = 0;
  #closed = false;
  #catchUps = 0;
  /** Catch-up passes under way on the current connection, and whether one finished. */
  #lookingUp = 0;
  #lookedUp = false;
  #observerHost: ObserverHost;

  constructor(options: PaymentSocketClientOptions, host: DeliveryHost) {
    this.#options = options;
    this.#host = host;
    this.#pipeline = new EventPipeline({
      deliver: (event) => host.deliver(event),
      error: (error) => host.report(error),
      changed: (state) => {
        host.changed();
        this.#observerOf(state.transactionId)?.changed();
      },
    });
    this.#observerHost = {
      state: (id) => this.#pipeline.get(id),
      use: (observer, inUse) => this.#use(observer, inUse),
      lookup: (id) => {
        if (this.#closed) return Promise.resolve();
        const userGen = this.#userGen;
        return this.#lookup(id, () => userGen === this.#userGen && !this.#closed);
      },
      call: (fn, arg) => host.call(fn, arg),
    };
  }

  /** Whether the current connection's catch-up is through. */
  get lookedUp(): boolean {
    return this.#lookedUp && !this.#lookingUp;
  }

  /** A payment event from the wire; returns its seq when it was valid (see EventPipeline). */
  receive(kind: PaymentEventKind, name: string, payload: unknown, clockOffsetMs?: number) {
    return this.#pipeline.receive(kind, name, payload, clockOffsetMs);
  }

  getTransaction(transactionId: string): TransactionState | undefined {
    return this.#pipeline.get(transactionId);
  }

  /** What `getMetrics()` reports of delivery. */
  metrics() {
    const p = this.#pipeline;
    return {
      eventsReceived: p.received,
      eventsRejected: p.rejected,
      duplicatesDropped: p.dropped,
      catchUps: this.#catchUps,
      latency: p.latency.stats(),
    };
  }

  observe(transactionId: string): TransactionObserverApi {
    const live = this.#observerOf(transactionId);
    if (live) return live;
    const observer = new TransactionObserver(transactionId, this.#observerHost);
    this.#observers.set(transactionId, new WeakRef(observer));
    this.#collected.register(observer, transactionId);
    return observer;
  }

  /** An error about one transaction also becomes its observer's error. */
  failed(error: PaymentSocketError): void {
    if (error.transactionId !== undefined) this.#observerOf(error.transactionId)?.failed(error);
  }

  watch(transactionId: string, options: WatchOptions): TransactionWatch {
    const { timeoutMs, signal, onUpdate } = options;
    if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
      throw new RangeError('watchTransaction: timeoutMs must be >= 0');
    }
    let resolve!: (result: WatchResult) => void;
    const watch = new Promise<WatchResult>((r) => (resolve = r)) as TransactionWatch;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe = () => {};
    const settle = (result: WatchResult) => {
      if (!this.#watches.delete(settle)) return;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      unsubscribe();
      resolve(result);
    };
    const abort = () => settle({ status: 'aborted' });
    watch.cancel = abort;
    this.#watches.add(settle);
    let shown = this.#pipeline.get(transactionId);
    if (this.#closed || signal?.aborted) abort();
    else if (shown && isTerminalStatus(shown.status)) settle(resultOf(shown));
    else {
      signal?.addEventListener('abort', abort);
      if (timeoutMs !== undefined && timeoutMs < Infinity) {
        // A timer past 2^31-1 ms fires at once, so a longer wait goes in steps.
        const deadline = Date.now() + timeoutMs;
        const timeout = () => settle({ status: 'timeout' });
        const arm = () => {
          const left = deadline - Date.now();
          timer = setTimeout(left > MAX_TIMER_MS ? arm : timeout, Math.min(left, MAX_TIMER_MS));
        };
        arm();
      }
      // The observer keeps the transaction followed and says when its state moves.
      unsubscribe = this.observe(transactionId).subscribe(() => {
        const state = this.#pipeline.get(transactionId);
        if (!state || state === shown) return;
        shown = state;
        if (onUpdate) this.#host.call(onUpdate, state);
        if (isTerminalStatus(state.status)) settle(resultOf(state));
      });
    }
    return watch;
  }

  /** A connection was accepted: its catch-up starts from nothing. */
  connected(): void {
    this.#lookingUp = 0;
    this.#lookedUp = false;
  }

  /** Looks up every watched transaction that is not final, to deliver what was missed. */
  async catchUp(): Promise<void> {
    const connection = this.#host.connection();
    const current = () => connection !== null && connection === this.#host.connection();
    this.#catchUps++;
    this.#lookingUp++;
    const ids = this.#pipeline.followedIds().filter((id) => this.#needsLookup(id));
    await Promise.all(ids.map((id) => this.#lookup(id, current)));
    if (!current()) return;
    this.#lookingUp--;
    this.#lookedUp = true;
    this.#host.lookedUp();
  }

  /** A new identity starts from nothing: no dedupe memory, watches or transaction states. */
  forget(): void {
    for (const settle of this.#watches) settle({ status: 'aborted' });
    this.#pipeline.forget();
    this.#userGen++;
    // Whoever still listens to an observer still wants its transaction followed.
    for (const observer of this.#inUse) this.#pipeline.follow(observer.transactionId);
  }

  /** The client was destroyed: every watch settles `aborted`, every observer lets go. */
  close(): void {
    this.#closed = true;
    for (const settle of this.#watches) settle({ status: 'aborted' });
    for (const observer of this.#inUse) observer.clear();
    this.#inUse.clear();
  }

  #use(observer: TransactionObserver, inUse: boolean): void {
    const id = observer.transactionId;
    if (!inUse) {
      this.#inUse.delete(observer);
      return this.#pipeline.unfollow(id);
    }
    this.#inUse.add(observer);
    const connection = this.#host.connection();
    if (this.#pipeline.follow(id) && connection !== null && this.#needsLookup(id)) {
      void this.#lookup(id, () => connection === this.#host.connection());
    }
  }

  #needsLookup(transactionId: string): boolean {
    const state = this.#pipeline.get(transactionId);
    return !state || !isFinalState(state, state.type);
  }

  /** A look-up whose answer counts only while `current()` holds (same connection, or same user). */
  async #lookup(transactionId: string, current: () => boolean): Promise<void> {
    const { lookupTransaction, apiUrl, url, headers } = this.#options;
    try {
      const found = await (lookupTransaction
        ? lookupTransaction(transactionId)
        : fetchTransaction(apiUrl ?? url, transactionId, this.#host.token(), headers));
      if (!current()) return;
      if (found === null) return this.#observerOf(transactionId)?.answered();
      const snapshot = transactionSnapshotSchema.parse(found);
      if (snapshot.transactionId !== transactionId) {
        throw new Error(`the answer is about ${snapshot.transactionId}`);
      }
      if (snapshot.serverTime) this.#host.serverTime(snapshot.serverTime);
      this.#pipeline.applySnapshot(snapshot);
      this.#observerOf(transactionId)?.answered();
    } catch (cause) {
      if (!current()) return;
      this.#host.report(
        new PaymentSocketError('LOOKUP_FAILED', `Look-up of ${transactionId} failed`, {
          cause,
          transactionId,
        }),
      );
    }
  }

  #observerOf(transactionId: string): TransactionObserver | undefined {
    return this.#observers.get(transactionId)?.deref();
  }
}

function resultOf(state: TransactionState): WatchResult {
  return {
    status: state.status as WatchResult['status'],
    event: state.event,
    reason: state.reason,
  };
}
