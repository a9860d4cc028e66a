import { EventEmitter } from 'eventemitter3';
import { EVENTS, sessionSchema, type PaymentEventKind } from '@paysocket/protocol';
import { Connection, type ConnectionPhase } from './Connection';
import { Delivery } from './Delivery';
import { PaymentSocketError, invalidEventError } from './PaymentSocketError';
import { UserSession } from './UserSession';
import type {
  ClientEventMap,
  ClientEventName,
  ClientMetrics,
  ClientState,
  Logger,
  PaymentSocketClientApi,
  PaymentSocketClientOptions,
  TransactionObserverApi,
  TransactionObserverSnapshot,
  TransactionState,
  TransactionWatch,
  WatchOptions,
} from './types';
import { watchBrowser } from './watchBrowser';

/**
 * One Socket.IO connection that delivers every payment outcome of the signed-in user exactly
 * once: replay by seq on reconnect, REST look-ups of watched transactions, de-duplication.
 * It wires three parts together: the {@link Connection} (lifecycle), the {@link UserSession}
 * (identity and `session:v1`) and {@link Delivery} (events, observers, watches, look-ups),
 * and keeps the one state snapshot they all show up in.
 */
export class PaymentSocketClient implements PaymentSocketClientApi {
  #log: Logger | undefined;
  #state: ClientState = {
    status: 'idle',
    attempt: 0,
    lastError: null,
    userId: null,
    caughtUp: false,
    serverTimeOffsetMs: 0,
    epoch: null,
    lastSeq: null,
  };
  #subscribers = new Set<() => void>();
  /** Typed at `on()`; inside, every payload has been checked against its kind. */
  #emitter = new EventEmitter<ClientEventName>();
  #session = new UserSession();
  #connection: Connection;
  #delivery: Delivery;
  #connects = 0;
  #reconnects = 0;
  #hadConnection = false;
  #unwatchBrowser: () => void;

  constructor(options: PaymentSocketClientOptions) {
    if (!options?.url) throw new TypeError('PaymentSocketClient: options.url is required');
    this.#log = options.logger === false ? undefined : (options.logger ?? console);
    this.#connection = new Connection(options, this.#log, {
      changed: (phase, error) => this.#phaseChanged(phase, error),
      resume: () => {
        const { epoch, lastSeq } = this.#state;
        return epoch !== null && lastSeq !== null ? { epoch, lastSeq } : {};
      },
      receive: (name, payload) => this.#receive(name, payload),
    });
    this.#delivery = new Delivery(options, {
      deliver: (event) => this.#emitter.emit(event.type, event),
      report: (error) => this.#report(error),
      changed: () => this.#notify(),
      call: (fn, arg) => this.#call(fn, arg),
      connection: () => {
        const phase = this.#connection.phase;
        return phase.status === 'connected' ? phase : null;
      },
      token: () => this.#connection.token,
      serverTime: (iso) => {
        if (!this.#session.expectsSession) {
          this.#set({ serverTimeOffsetMs: Date.parse(iso) - Date.now() });
        }
      },
      lookedUp: () => this.#checkCaughtUp(),
    });
    this.#unwatchBrowser = watchBrowser({
      online: () => this.#connection.retryNow(),
      offline: () => this.#connection.offline(),
      visible: () => {
        if (this.#connection.status === 'connected') void this.#delivery.catchUp();
        else this.#connection.retryNow();
      },
    });
    if (options.autoConnect !== false) this.connect();
  }

  setUser(userId: string | null): void {
    if (this.#closed) return;
    const naming = this.#session.name(userId, this.#state.userId);
    if (naming === 'same') return;
    if (naming === 'adopt' && userId !== null) {
      // The unnamed session at start-up was this user's all along, unless it said otherwise.
      this.#set({ userId });
      const other = this.#session.otherUser(userId);
      if (other !== null) return this.#mismatch(other);
      if (!this.#connection.active) this.connect();
      return;
    }
    this.#connection.stop('idle');
    // A new identity starts from nothing: no lastSeq, epoch, dedupe memory, watches or states.
    this.#delivery.forget();
    this.#connection.forgetCredentials();
    this.#hadConnection = false;
    this.#set({ userId, lastError: null, epoch: null, lastSeq: null });
    if (userId !== null) this.connect();
  }

  getState(): ClientState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }

  getTransaction(transactionId: string): TransactionState | undefined {
    return this.#delivery.getTransaction(transactionId);
  }

  observe(transactionId: string): TransactionObserverApi {
    return this.#delivery.observe(transactionId);
  }

  refreshTransaction(transactionId: string): Promise<TransactionObserverSnapshot> {
    return this.observe(transactionId).refresh();
  }

  on<K extends ClientEventName>(
    name: K,
    listener: (payload: ClientEventMap[K]) => void,
  ): () => void {
    const safe = (payload: ClientEventMap[K]) => this.#call(listener, payload);
    this.#emitter.on(name, safe);
    return () => this.#emitter.off(name, safe);
  }

  listenerCount(name: ClientEventName): number {
    return this.#emitter.listenerCount(name);
  }

  follow(transactionId: string): () => void {
    return this.observe(transactionId).subscribe(() => {});
  }

  watchTransaction(transactionId: string, options: WatchOptions = {}): TransactionWatch {
    return this.#delivery.watch(transactionId, options);
  }

  getMetrics(): ClientMetrics {
    return { connects: this.#connects, reconnects: this.#reconnects, ...this.#delivery.metrics() };
  }

  connect(): void {
    this.#connection.connect();
  }

  disconnect(): void {
    this.#connection.stop('idle');
  }

  destroy(): void {
    if (this.#closed) return;
    this.#unwatchBrowser();
    this.#delivery.close();
    this.#connection.stop('closed');
    this.#emitter.removeAllListeners();
    this.#subscribers.clear();
  }

  get #closed(): boolean {
    return this.#connection.status === 'closed';
  }

  /** The one place the connection's status reaches the state snapshot. */
  #phaseChanged(phase: ConnectionPhase, error: PaymentSocketError | undefined): void {
    this.#session.reset();
    const connected = phase.status === 'connected';
    if (connected) {
      this.#connects++;
      if (this.#hadConnection) this.#reconnects++;
      this.#hadConnection = true;
      this.#delivery.connected();
    }
    const lastError = connected ? null : (error ?? this.#state.lastError);
    this.#set({ status: phase.status, attempt: phase.attempt, lastError, caughtUp: false });
    if (error) this.#report(error);
    if (connected) void this.#delivery.catchUp();
  }

  #mismatch(sessionUser: string): void {
    this.#connection.stop(
      'unauthorized',
      new PaymentSocketError(
        'USER_MISMATCH',
        `The server signed this connection in as ${sessionUser}, not ${this.#state.userId}`,
      ),
    );
  }

  #receive(name: string, payload: unknown): void {
    if (name === EVENTS.session) return this.#onSession(payload);
    const kind = kindOf(name);
    if (!kind) return this.#log?.debug('paysocket: ignored', name);
    if (!this.#session.hold(kind, name, payload)) this.#accept(kind, name, payload, true);
  }

  /** `live` events measure latency; replayed ones (before session:v1) do not. */
  #accept(kind: PaymentEventKind, name: string, payload: unknown, live: boolean): void {
    const offset = live ? this.#state.serverTimeOffsetMs : undefined;
    const seq = this.#delivery.receive(kind, name, payload, offset);
    if (seq !== undefined && seq > (this.#state.lastSeq ?? 0)) this.#set({ lastSeq: seq });
  }

  #onSession(payload: unknown): void {
    const result = sessionSchema.safeParse(payload);
    if (!result.success) {
      return this.#report(invalidEventError(EVENTS.session, result.error, payload));
    }
    const session = result.data;
    const check = this.#session.check(session, this.#state.userId);
    // Another user's events must not reach this user's listeners: not one, not even held ones.
    if (!check.ok) return this.#mismatch(check.sessionUser);
    for (const [kind, name, event] of check.held) this.#accept(kind, name, event, false);
    this.#session.seen();
    const { epoch, lastSeq } = this.#state;
    this.#set({
      serverTimeOffsetMs: Date.parse(session.serverTime) - Date.now(),
      epoch: session.epoch,
      lastSeq: session.epoch === epoch ? Math.max(lastSeq ?? 0, session.lastSeq) : session.lastSeq,
    });
    if (session.gap) void this.#delivery.catchUp();
    else this.#checkCaughtUp();
  }

  #checkCaughtUp(): void {
    if (this.#delivery.lookedUp && this.#session.live) this.#set({ caughtUp: true });
  }

  #set(patch: Partial<ClientState>): void {
    const state = this.#state;
    const keys = Object.keys(patch) as (keyof ClientState)[];
    if (keys.every((key) => patch[key] === state[key])) return;
    this.#state = { ...state, ...patch };
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#subscribers) this.#call(listener);
  }

  /** An error goes to `error` listeners and, when it is about one transaction, its observer. */
  #report(error: PaymentSocketError): void {
    this.#log?.warn('paysocket:', error);
    this.#delivery.failed(error);
    this.#emitter.emit('error', error);
  }

  /** Application code that throws must not break delivery to the rest. */
  #call<T>(fn: (arg: T) => unknown, arg?: T): void {
    try {
      fn(arg as T);
    } catch (error) {
      this.#log?.error('paysocket: a listener threw', error);
    }
  }
}

/** The kind of a v1 payment event name; anything else (other versions too) is not for us. */
function kindOf(name: string): PaymentEventKind | undefined {
  switch (name) {
    case EVENTS.depositCompleted:
      return 'deposit_completed';
    case EVENTS.withdrawalCompleted:
      return 'withdrawal_completed';
    case EVENTS.paymentStatusUpdate:
      return 'payment_status_update';
  }
  return undefined;
}
