import { EventEmitter } from 'eventemitter3';
import { io, type Socket } from 'socket.io-client';
import {
  EVENTS,
  HANDSHAKE_ERROR_MESSAGE,
  isFinalState,
  isTerminalStatus,
  sessionSchema,
  transactionSnapshotSchema,
  type HandshakeAuth,
  type PaymentEventKind,
} from '@paysocket/protocol';
import { EventPipeline } from './EventPipeline';
import { PaymentSocketError, invalidEventError } from './PaymentSocketError';
import { TransactionObserver, type ObserverHost } from './TransactionObserver';
import { backoffDelay } from './backoffDelay';
import { fetchTransaction } from './fetchTransaction';
import type {
  ClientEventMap,
  ClientEventName,
  ClientMetrics,
  ClientState,
  ConnectionStatus,
  Logger,
  PaymentSocketClientApi,
  PaymentSocketClientOptions,
  TransactionObserverApi,
  TransactionObserverSnapshot,
  TransactionState,
  TransactionWatch,
  WatchOptions,
  WatchResult,
} from './types';
import { browserOffline, watchBrowser } from './watchBrowser';

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One Socket.IO connection that delivers every payment outcome of the signed-in user exactly
 * once: replay by seq on reconnect, REST look-ups of watched transactions, de-duplication.
 * Reconnection is driven here (not by Socket.IO) so that auth refresh, offline and attempts
 * stay under one set of rules.
 */
export class PaymentSocketClient implements PaymentSocketClientApi {
  #options: PaymentSocketClientOptions;
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
  /** Settles each open watch. */
  #watches = new Set<(result: WatchResult) => void>();
  #pipeline = new EventPipeline({
    deliver: (event) => this.#emit(event.type, event),
    error: (error) => this.#report(error),
    changed: (state) => {
      this.#notify();
      this.#observerOf(state.transactionId)?.changed();
    },
  });
  /** At most one live observer per transaction; one nobody holds any more may be collected. */
  #observers = new Map<string, WeakRef<TransactionObserver>>();
  /** Observers with listeners are held here, so they outlive the caller's reference. */
  #inUse = new Set<TransactionObserver>();
  #collected = new FinalizationRegistry<string>((id) => {
    if (!this.#observers.get(id)?.deref()) this.#observers.delete(id);
  });
  #observerHost: ObserverHost = {
    state: (id) => this.getTransaction(id),
    use: (observer, inUse) => {
      const id = observer.transactionId;
      if (!inUse) {
        this.#inUse.delete(observer);
        return this.#pipeline.unfollow(id);
      }
      this.#inUse.add(observer);
      if (
        this.#pipeline.follow(id) &&
        this.#state.status === 'connected' &&
        this.#needsLookup(id)
      ) {
        const gen = this.#gen;
        void this.#lookup(id, () => gen === this.#gen);
      }
    },
    lookup: (id) => {
      if (this.#destroyed) return Promise.resolve();
      const userGen = this.#userGen;
      return this.#lookup(id, () => userGen === this.#userGen && !this.#destroyed);
    },
    call: (fn, arg) => this.#call(fn, arg),
  };
  #socket: Socket | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** A retry is waiting out its backoff (no attempt under way that a new one would cut short). */
  #waiting = false;
  /** Bumped whenever a socket is dropped: async work begun under an older value is void. */
  #gen = 0;
  /** Bumped on every identity change, so stale `follow()` releases do nothing. */
  #userGen = 0;
  #named = false;
  #destroyed = false;
  #authRetried = false;
  #forceRefresh = false;
  #token: string | undefined;
  #connects = 0;
  #reconnects = 0;
  #catchUps = 0;
  #hadConnection = false;
  /** Whether this server was ever seen sending `session:v1` (the seed's gateway never does). */
  #expectSession = false;
  #sessionSeen = false;
  /** Events that came before `session:v1` on a connection expecting one: held until it is checked. */
  #held: [kind: PaymentEventKind, name: string, payload: unknown][] = [];
  /** The user the current connection's `session:v1` named. */
  #sessionUser: string | null = null;
  #lookingUp = 0;
  #lookedUp = false;
  #unwatchBrowser: () => void;

  constructor(options: PaymentSocketClientOptions) {
    if (!options?.url) throw new TypeError('PaymentSocketClient: options.url is required');
    this.#options = options;
    this.#log = options.logger === false ? undefined : (options.logger ?? console);
    this.#unwatchBrowser = watchBrowser({
      online: () => this.#retryNow(),
      offline: () => {
        if (this.#active()) {
          this.#drop();
          this.#set({ status: 'offline', caughtUp: false });
        }
      },
      visible: () => {
        if (this.#state.status === 'connected') void this.#catchUp();
        else this.#retryNow();
      },
    });
    if (options.autoConnect !== false) this.connect();
  }

  setUser(userId: string | null): void {
    if (this.#destroyed || (this.#named && userId === this.#state.userId)) return;
    const adopt = !this.#named && userId !== null;
    this.#named = true;
    if (adopt) {
      // The unnamed session at start-up was this user's all along, unless it said otherwise.
      this.#set({ userId });
      if (this.#sessionUser !== null && this.#sessionUser !== userId) {
        return this.#mismatch(this.#sessionUser);
      }
      if (!this.#active()) this.connect();
      return;
    }
    this.#drop();
    this.#forget();
    this.#set({ userId, status: 'idle', attempt: 0, lastError: null, caughtUp: false });
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
    return this.#pipeline.get(transactionId);
  }

  observe(transactionId: string): TransactionObserverApi {
    const live = this.#observerOf(transactionId);
    if (live) return live;
    const observer = new TransactionObserver(transactionId, this.#observerHost);
    this.#observers.set(transactionId, new WeakRef(observer));
    this.#collected.register(observer, transactionId);
    return observer;
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
    let shown = this.getTransaction(transactionId);
    if (this.#destroyed || signal?.aborted) abort();
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
        const state = this.getTransaction(transactionId);
        if (!state || state === shown) return;
        shown = state;
        if (onUpdate) this.#call(onUpdate, state);
        if (isTerminalStatus(state.status)) settle(resultOf(state));
      });
    }
    return watch;
  }

  getMetrics(): ClientMetrics {
    const p = this.#pipeline;
    return {
      connects: this.#connects,
      reconnects: this.#reconnects,
      eventsReceived: p.received,
      eventsRejected: p.rejected,
      duplicatesDropped: p.dropped,
      catchUps: this.#catchUps,
      latency: p.latency.stats(),
    };
  }

  connect(): void {
    const { status } = this.#state;
    if (this.#destroyed || status === 'connected' || status === 'connecting') return;
    this.#authRetried = false;
    this.#set({ attempt: 0 });
    void this.#open();
  }

  disconnect(): void {
    if (this.#destroyed) return;
    this.#drop();
    this.#set({ status: 'idle', attempt: 0, caughtUp: false });
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#drop();
    this.#unwatchBrowser();
    for (const settle of this.#watches) settle({ status: 'aborted' });
    for (const observer of this.#inUse) observer.clear();
    this.#inUse.clear();
    this.#set({ status: 'closed', caughtUp: false });
    this.#emitter.removeAllListeners();
    this.#subscribers.clear();
  }

  async #open(): Promise<void> {
    this.#drop();
    const gen = this.#gen;
    if (browserOffline()) return this.#set({ status: 'offline', caughtUp: false });
    this.#set({ status: this.#state.attempt ? 'reconnecting' : 'connecting', caughtUp: false });
    const { auth: mode, url, path, headers } = this.#options;
    const auth: HandshakeAuth = {};
    if (mode && mode !== 'cookie') {
      try {
        auth.token =
          typeof mode.token === 'string'
            ? mode.token
            : await mode.token({ forceRefresh: this.#forceRefresh });
      } catch (cause) {
        if (gen === this.#gen) void this.#rejected(cause);
        return;
      }
      // A token fetched before a user switch or a stop is never sent.
      if (gen !== this.#gen) return;
      // Refreshed once: later retries (say, while the server is away) reuse it.
      this.#forceRefresh = false;
      this.#token = auth.token;
    }
    const { epoch, lastSeq } = this.#state;
    if (epoch !== null && lastSeq !== null) Object.assign(auth, { epoch, lastSeq });
    const socket = io(url, {
      path,
      auth,
      reconnection: false,
      forceNew: true,
      withCredentials: !mode || mode === 'cookie',
      extraHeaders: headers,
    });
    this.#socket = socket;
    socket.on('connect', () => this.#onConnect());
    socket.on('connect_error', (error) => {
      this.#drop();
      if (error.message === HANDSHAKE_ERROR_MESSAGE) void this.#rejected(error);
      else this.#retry(error);
    });
    socket.on('disconnect', (reason) => {
      this.#drop();
      // The server hung up on purpose (logout): coming back would be wrong.
      if (reason === 'io server disconnect') {
        this.#set({ status: 'idle', attempt: 0, caughtUp: false });
      } else this.#retry(new Error(reason));
    });
    socket.onAny((name: string, payload: unknown) => this.#receive(name, payload));
  }

  #onConnect(): void {
    this.#connects++;
    if (this.#hadConnection) this.#reconnects++;
    this.#hadConnection = true;
    this.#authRetried = this.#forceRefresh = this.#sessionSeen = this.#lookedUp = false;
    this.#held = [];
    this.#sessionUser = null;
    this.#lookingUp = 0;
    this.#set({ status: 'connected', attempt: 0, lastError: null, caughtUp: false });
    void this.#catchUp();
  }

  /** One refresh of the credentials per rejection streak; then `unauthorized`, no loop. */
  async #rejected(cause: unknown): Promise<void> {
    const gen = this.#gen;
    const { auth: mode, onAuthError } = this.#options;
    if (!this.#authRetried) {
      this.#authRetried = true;
      try {
        if (mode && mode !== 'cookie') {
          if (typeof mode.token === 'function') {
            this.#forceRefresh = true;
            return void this.#open();
          }
        } else if (onAuthError) {
          await onAuthError();
          if (gen === this.#gen) void this.#open();
          return;
        }
      } catch (error) {
        cause = error;
      }
    }
    if (gen !== this.#gen) return;
    this.#fail('unauthorized', new PaymentSocketError('AUTH_FAILED', 'Not authorized', { cause }));
  }

  #retry(cause: Error): void {
    const attempt = this.#state.attempt + 1;
    const reconnect = this.#options.reconnect ?? {};
    if (attempt > (reconnect.maxAttempts ?? Infinity)) {
      return this.#fail(
        'failed',
        new PaymentSocketError('CONNECTION_FAILED', `Could not connect: ${cause.message}`, {
          cause,
        }),
      );
    }
    this.#log?.debug('paysocket: reconnecting', attempt, cause.message);
    if (browserOffline()) return this.#set({ status: 'offline', attempt, caughtUp: false });
    this.#set({ status: 'reconnecting', attempt, caughtUp: false });
    this.#waiting = true;
    this.#timer = setTimeout(() => void this.#open(), backoffDelay(attempt, reconnect));
  }

  #retryNow(): void {
    const { status } = this.#state;
    if (status === 'offline' || (status === 'reconnecting' && this.#waiting)) void this.#open();
  }

  #fail(status: ConnectionStatus, error: PaymentSocketError): void {
    this.#set({ status, lastError: error, caughtUp: false });
    this.#report(error);
  }

  #receive(name: string, payload: unknown): void {
    if (name === EVENTS.session) return this.#onSession(payload);
    const kind = kindOf(name);
    if (!kind) return this.#log?.debug('paysocket: ignored', name);
    if (this.#expectSession && !this.#sessionSeen)
      return void this.#held.push([kind, name, payload]);
    this.#accept(kind, name, payload, true);
  }

  /** Before session:v1 a reconnect's events are replay: their age is not latency. */
  #accept(kind: PaymentEventKind, name: string, payload: unknown, live: boolean): void {
    const offset = live ? this.#state.serverTimeOffsetMs : undefined;
    const seq = this.#pipeline.receive(kind, name, payload, offset);
    if (seq !== undefined && seq > (this.#state.lastSeq ?? 0)) this.#set({ lastSeq: seq });
  }

  #onSession(payload: unknown): void {
    const result = sessionSchema.safeParse(payload);
    if (!result.success) {
      return this.#report(invalidEventError(EVENTS.session, result.error, payload));
    }
    const session = result.data;
    const { userId } = this.#state;
    this.#sessionUser = session.userId;
    // Another user's events must not reach this user's listeners: not one, not even held ones.
    if (userId !== null && session.userId !== userId) return this.#mismatch(session.userId);
    const held = this.#held;
    this.#held = [];
    for (const [kind, name, event] of held) this.#accept(kind, name, event, false);
    const { epoch, lastSeq } = this.#state;
    this.#expectSession = this.#sessionSeen = true;
    this.#set({
      serverTimeOffsetMs: Date.parse(session.serverTime) - Date.now(),
      epoch: session.epoch,
      lastSeq: session.epoch === epoch ? Math.max(lastSeq ?? 0, session.lastSeq) : session.lastSeq,
    });
    if (session.gap) void this.#catchUp();
    else this.#checkCaughtUp();
  }

  #mismatch(sessionUser: string): void {
    const expected = this.#state.userId;
    this.#drop();
    this.#fail(
      'unauthorized',
      new PaymentSocketError(
        'USER_MISMATCH',
        `The server signed this connection in as ${sessionUser}, not ${expected}`,
      ),
    );
  }

  #needsLookup(transactionId: string): boolean {
    const state = this.getTransaction(transactionId);
    return !state || !isFinalState(state, state.type);
  }

  /** Looks up every watched transaction that is not final, to deliver what was missed. */
  async #catchUp(): Promise<void> {
    const gen = this.#gen;
    this.#catchUps++;
    this.#lookingUp++;
    const ids = this.#pipeline.followedIds().filter((id) => this.#needsLookup(id));
    const current = () => gen === this.#gen;
    await Promise.all(ids.map((id) => this.#lookup(id, current)));
    if (gen !== this.#gen) return;
    this.#lookingUp--;
    this.#lookedUp = true;
    this.#checkCaughtUp();
  }

  #checkCaughtUp(): void {
    if (this.#lookedUp && !this.#lookingUp && (this.#sessionSeen || !this.#expectSession)) {
      this.#set({ caughtUp: true });
    }
  }

  /** A look-up whose answer counts only while `current()` holds (same socket, or same user). */
  async #lookup(transactionId: string, current: () => boolean): Promise<void> {
    const { lookupTransaction, apiUrl, url, headers } = this.#options;
    try {
      const found = await (lookupTransaction
        ? lookupTransaction(transactionId)
        : fetchTransaction(apiUrl ?? url, transactionId, this.#token, headers));
      if (!current()) return;
      if (found === null) return this.#observerOf(transactionId)?.answered();
      const snapshot = transactionSnapshotSchema.parse(found);
      if (snapshot.transactionId !== transactionId) {
        throw new Error(`the answer is about ${snapshot.transactionId}`);
      }
      if (snapshot.serverTime && !this.#expectSession) {
        this.#set({ serverTimeOffsetMs: Date.parse(snapshot.serverTime) - Date.now() });
      }
      this.#pipeline.applySnapshot(snapshot);
      this.#observerOf(transactionId)?.answered();
    } catch (cause) {
      if (!current()) return;
      this.#report(
        new PaymentSocketError('LOOKUP_FAILED', `Look-up of ${transactionId} failed`, {
          cause,
          transactionId,
        }),
      );
    }
  }

  /** Stops the socket and any pending retry; async work of the old socket is voided. */
  #drop(): void {
    this.#gen++;
    this.#waiting = false;
    this.#held = [];
    this.#sessionUser = null;
    clearTimeout(this.#timer);
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.offAny();
      socket.disconnect();
    }
  }

  /** A new identity starts from nothing: no lastSeq, epoch, dedupe memory, watches or states. */
  #forget(): void {
    for (const settle of this.#watches) settle({ status: 'aborted' });
    this.#pipeline.forget();
    // Whoever still listens to an observer still wants its transaction followed.
    for (const observer of this.#inUse) this.#pipeline.follow(observer.transactionId);
    this.#userGen++;
    this.#token = undefined;
    this.#hadConnection = this.#authRetried = this.#forceRefresh = false;
    this.#set({ epoch: null, lastSeq: null });
  }

  #active(): boolean {
    const { status } = this.#state;
    return status === 'connecting' || status === 'connected' || status === 'reconnecting';
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

  #emit<K extends ClientEventName>(name: K, payload: ClientEventMap[K]): void {
    this.#emitter.emit(name, payload);
  }

  /** An error goes to `error` listeners and, when it is about one transaction, its observer. */
  #report(error: PaymentSocketError): void {
    this.#log?.warn('paysocket:', error);
    if (error.transactionId !== undefined) this.#observerOf(error.transactionId)?.failed(error);
    this.#emit('error', error);
  }

  #observerOf(transactionId: string): TransactionObserver | undefined {
    return this.#observers.get(transactionId)?.deref();
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

function resultOf(state: TransactionState): WatchResult {
  return {
    status: state.status as WatchResult['status'],
    event: state.event,
    reason: state.reason,
  };
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
