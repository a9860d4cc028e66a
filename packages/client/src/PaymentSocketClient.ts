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
  TransactionState,
  TransactionWatch,
  WatchOptions,
  WatchResult,
} from './types';
import { browserOffline, watchBrowser } from './watchBrowser';

const MAX_TIMER_MS = 2 ** 31 - 1;

interface Watch {
  id: string;
  onUpdate: ((state: TransactionState) => void) | undefined;
  settle(result: WatchResult): void;
}

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
  #watches = new Set<Watch>();
  #pipeline = new EventPipeline({
    deliver: (event) => this.#emit(event.type, event),
    error: (error) => this.#emit('error', error),
    changed: (state) => {
      this.#notify();
      for (const watch of this.#watches) {
        if (watch.id !== state.transactionId) continue;
        if (watch.onUpdate) this.#call(watch.onUpdate, state);
        if (isTerminalStatus(state.status)) watch.settle(resultOf(state));
      }
    },
  });
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
      // The unnamed session at start-up was this user's all along.
      this.#set({ userId });
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
    return this.#pipeline.transactions.get(transactionId);
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
    const followed = this.#pipeline.followed;
    const userGen = this.#userGen;
    const count = followed.get(transactionId) ?? 0;
    followed.set(transactionId, count + 1);
    if (!count && this.#state.status === 'connected' && this.#needsLookup(transactionId)) {
      void this.#lookup(transactionId, this.#gen);
    }
    let released = false;
    return () => {
      if (released || userGen !== this.#userGen) return;
      released = true;
      const left = (followed.get(transactionId) ?? 1) - 1;
      if (left) followed.set(transactionId, left);
      else followed.delete(transactionId);
    };
  }

  watchTransaction(transactionId: string, options: WatchOptions = {}): TransactionWatch {
    const { timeoutMs, signal } = options;
    if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
      throw new RangeError('watchTransaction: timeoutMs must be >= 0');
    }
    let resolve!: (result: WatchResult) => void;
    const watch = new Promise<WatchResult>((r) => (resolve = r)) as TransactionWatch;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unfollow = () => {};
    const abort = () => entry.settle({ status: 'aborted' });
    const entry: Watch = {
      id: transactionId,
      onUpdate: options.onUpdate,
      settle: (result) => {
        if (!this.#watches.delete(entry)) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        unfollow();
        resolve(result);
      },
    };
    watch.cancel = abort;
    this.#watches.add(entry);
    const current = this.getTransaction(transactionId);
    if (this.#destroyed || signal?.aborted) abort();
    else if (current && isTerminalStatus(current.status)) entry.settle(resultOf(current));
    else {
      signal?.addEventListener('abort', abort);
      if (timeoutMs !== undefined && timeoutMs < Infinity) {
        // A timer past 2^31-1 ms fires at once, so a longer wait goes in steps.
        const deadline = Date.now() + timeoutMs;
        const timeout = () => entry.settle({ status: 'timeout' });
        const arm = () => {
          const left = deadline - Date.now();
          timer = setTimeout(left > MAX_TIMER_MS ? arm : timeout, Math.min(left, MAX_TIMER_MS));
        };
        arm();
      }
      unfollow = this.follow(transactionId);
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
    for (const watch of this.#watches) watch.settle({ status: 'aborted' });
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
    this.#emit('error', error);
  }

  #receive(name: string, payload: unknown): void {
    if (name === EVENTS.session) return this.#onSession(payload);
    const kind = kindOf(name);
    if (!kind) return this.#log?.debug('paysocket: ignored', name);
    // Before session:v1 a reconnect's events are replay: their age is not latency.
    const live = this.#sessionSeen || !this.#expectSession;
    const seq = this.#pipeline.receive(
      kind,
      name,
      payload,
      live ? this.#state.serverTimeOffsetMs : undefined,
    );
    if (seq !== undefined && seq > (this.#state.lastSeq ?? 0)) this.#set({ lastSeq: seq });
  }

  #onSession(payload: unknown): void {
    const result = sessionSchema.safeParse(payload);
    if (!result.success) {
      return this.#emit('error', invalidEventError(EVENTS.session, result.error, payload));
    }
    const session = result.data;
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

  #needsLookup(transactionId: string): boolean {
    const state = this.getTransaction(transactionId);
    return !state || !isFinalState(state, state.type);
  }

  /** Looks up every watched transaction that is not final, to deliver what was missed. */
  async #catchUp(): Promise<void> {
    const gen = this.#gen;
    this.#catchUps++;
    this.#lookingUp++;
    const ids = [...this.#pipeline.followed.keys()].filter((id) => this.#needsLookup(id));
    await Promise.all(ids.map((id) => this.#lookup(id, gen)));
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

  async #lookup(transactionId: string, gen: number): Promise<void> {
    const { lookupTransaction, apiUrl, url, headers } = this.#options;
    try {
      const found = await (lookupTransaction
        ? lookupTransaction(transactionId)
        : fetchTransaction(apiUrl ?? url, transactionId, this.#token, headers));
      if (gen !== this.#gen || found === null) return;
      const snapshot = transactionSnapshotSchema.parse(found);
      if (snapshot.transactionId !== transactionId) {
        throw new Error(`the answer is about ${snapshot.transactionId}`);
      }
      if (snapshot.serverTime && !this.#expectSession) {
        this.#set({ serverTimeOffsetMs: Date.parse(snapshot.serverTime) - Date.now() });
      }
      this.#pipeline.applySnapshot(snapshot);
    } catch (cause) {
      if (gen !== this.#gen) return;
      this.#emit(
        'error',
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
    for (const watch of this.#watches) watch.settle({ status: 'aborted' });
    this.#pipeline.forget();
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
    if (name === 'error') this.#log?.warn('paysocket:', payload);
    this.#emitter.emit(name, payload);
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
