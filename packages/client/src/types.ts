import type {
  DepositCompletedEvent,
  PaymentEventKind,
  PaymentStatusUpdateEvent,
  TerminalStatus,
  TransactionSnapshot,
  TransactionStatus,
  TransactionType,
  WithdrawalCompletedEvent,
} from '@paysocket/protocol';
import type { PaymentSocketError } from './PaymentSocketError';

/** Connection status of a {@link PaymentSocketClientApi}. */
export type ConnectionStatus =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  | 'unauthorized'
  | 'failed'
  | 'closed';

/** Snapshot returned by `getState()`: the same object until something in it changes. */
export interface ClientState {
  status: ConnectionStatus;
  /** Reconnect attempts since the last successful connection. */
  attempt: number;
  lastError: PaymentSocketError | null;
  /** The user set with `setUser`, or null (signed out / not named yet). */
  userId: string | null;
  /**
   * True once the current connection has replayed and looked up everything it missed (with a
   * server never yet seen sending `session:v1`, such as the seed's gateway: once look-ups end).
   */
  caughtUp: boolean;
  /** Server clock minus local clock in ms (from `session:v1` or a look-up), 0 until known. */
  serverTimeOffsetMs: number;
  /** Event log the client is following (`session:v1`), null until known. */
  epoch: string | null;
  /** Highest seq seen for the current user, null until known. */
  lastSeq: number | null;
}

/** Per-transaction state, as folded from every event kind and look-up. */
export interface TransactionState {
  transactionId: string;
  status: TransactionStatus;
  reason?: string;
  /** Deposit or withdrawal, once an event or a look-up said so. */
  type?: TransactionType;
  /** The last event that changed this state (absent when it came from a look-up with no event). */
  event?: PaymentEventMap[PaymentEventKind];
  /** The last snapshot seen from a look-up, when there was one. */
  snapshot?: TransactionSnapshot;
  /** ISO time of the last change. */
  updatedAt: string;
}

/** Listener payload of each event kind, plus `error`. */
export interface PaymentEventMap {
  deposit_completed: DepositCompletedEvent;
  withdrawal_completed: WithdrawalCompletedEvent;
  payment_status_update: PaymentStatusUpdateEvent;
}
export interface ClientEventMap extends PaymentEventMap {
  error: PaymentSocketError;
}
export type ClientEventName = keyof ClientEventMap;

export type TokenProvider = (opts: { forceRefresh: boolean }) => string | Promise<string>;

export interface ReconnectOptions {
  /** Delay before the first retry. Defaults to `500`. */
  initialDelayMs?: number;
  /** Cap of the exponential delay. Defaults to `30000`. */
  maxDelayMs?: number;
  /** Random share of each delay, 0..1 (full jitter at 1). Defaults to `0.5`. */
  jitter?: number;
  /** Attempts before giving up with status `failed`. Defaults to `Infinity`. */
  maxAttempts?: number;
}

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface PaymentSocketClientOptions {
  /** Socket.IO server URL; also the REST base unless `apiUrl` is given. */
  url: string;
  /** REST base for look-ups. Defaults to `url`. */
  apiUrl?: string;
  /** `'cookie'` (httpOnly cookie, `withCredentials`) or a token / token provider. Defaults to `'cookie'`. */
  auth?: 'cookie' | { token: string | TokenProvider };
  /** Cookie mode: refreshes the session after an auth rejection; tried once. */
  onAuthError?: () => Promise<void> | void;
  /** Looks a transaction up. Defaults to `GET {apiUrl}/api/v1/payment/transactions/:id`. */
  lookupTransaction?: (transactionId: string) => Promise<TransactionSnapshot | null>;
  reconnect?: ReconnectOptions;
  /** Connect on construction. Defaults to `true`. */
  autoConnect?: boolean;
  /** Where debug output goes; `false` silences it. Defaults to `console`. */
  logger?: Logger | false;
  /** Socket.IO path. Defaults to `'/socket.io'`. */
  path?: string;
  /**
   * Extra HTTP headers for the handshake and the default look-up, e.g. a `cookie` when running
   * in Node (browsers send their cookies themselves and refuse to set that header).
   */
  headers?: Record<string, string>;
}

export type WatchResultStatus = 'completed' | 'failed' | 'cancelled' | 'timeout' | 'aborted';
export interface WatchResult {
  status: WatchResultStatus;
  event?: PaymentEventMap[PaymentEventKind];
  reason?: string;
}
export interface WatchOptions {
  /** Settle `timeout` after this long. Defaults to waiting until cancelled. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called on every state change of the transaction until it settles. */
  onUpdate?: (state: TransactionState) => void;
}
export interface TransactionWatch extends Promise<WatchResult> {
  /** Settles the watch `aborted` (no-op once settled). */
  cancel(): void;
}

export interface LatencyStats {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}
export interface ClientMetrics {
  connects: number;
  reconnects: number;
  eventsReceived: number;
  eventsRejected: number;
  /** Events dropped as repeats, or because they would move a final status backwards. */
  duplicatesDropped: number;
  /** Catch-up passes run: look-ups after a (re)connect, a `gap`, or the tab becoming visible. */
  catchUps: number;
  /** Event timestamp (server clock) to local delivery, corrected by the clock offset, in ms. */
  latency: LatencyStats;
}

/**
 * Everything `PaymentSocketClient` offers. Depend on this type (not the class) to accept
 * fakes in tests without casts.
 */
export interface PaymentSocketClientApi {
  setUser(userId: string | null): void;
  getState(): ClientState;
  subscribe(listener: () => void): () => void;
  getTransaction(transactionId: string): TransactionState | undefined;
  on<K extends ClientEventName>(
    name: K,
    listener: (payload: ClientEventMap[K]) => void,
  ): () => void;
  listenerCount(name: ClientEventName): number;
  watchTransaction(transactionId: string, options?: WatchOptions): TransactionWatch;
  /**
   * Marks a transaction as watched (looked up after every reconnect while it is not final,
   * including after a watch on it settled) until the returned function is called. The same as
   * holding a subscription to `observe(transactionId)`.
   */
  follow(transactionId: string): () => void;
  /** The shared observer of one transaction (the same object while anyone holds it). */
  observe(transactionId: string): TransactionObserverApi;
  /** Looks the transaction up now; resolves what its observer then shows. */
  refreshTransaction(transactionId: string): Promise<TransactionObserverSnapshot>;
  getMetrics(): ClientMetrics;
  connect(): void;
  disconnect(): void;
  destroy(): void;
}

/** What an observer shows of one transaction: `unknown` until an event or a look-up says. */
export interface TransactionObserverSnapshot {
  status: 'unknown' | TransactionStatus;
  /** The last event that changed the status (absent when a look-up found it without one). */
  event?: PaymentEventMap[PaymentEventKind];
  /** Why it failed or was cancelled (`expired`, `declined`, `user_cancelled`, ...). */
  reason?: string;
  /** The last error about this transaction (a failed look-up), until its state changes or a look-up succeeds. */
  error?: PaymentSocketError;
  /** ISO time of the last change, once known. */
  updatedAt?: string;
}

/** A snapshot in a terminal status, as outcome listeners are told it. */
export type TransactionOutcome = TransactionObserverSnapshot & { status: TerminalStatus };

/**
 * One transaction, as `observe()` gives it: a store for `useSyncExternalStore` plus its
 * outcomes. `subscribe` and `getSnapshot` are bound, so they can be passed on as they are.
 */
export interface TransactionObserverApi {
  readonly transactionId: string;
  /**
   * Calls `listener` after every change of the snapshot; returns the unsubscribe. While it has
   * any subscriber or outcome listener the transaction is followed (looked up after every
   * reconnect until it is final, never evicted).
   */
  subscribe(listener: () => void): () => void;
  /** The same object until something changes; it never moves back to an earlier status. */
  getSnapshot(): TransactionObserverSnapshot;
  /**
   * Tells `listener` each terminal outcome once: the one the transaction is in already (at
   * once) and every later one (a late success after `expired`). Added again, the same function
   * is not told an outcome twice, so an effect that runs twice reports once. Returns the remover.
   */
  onOutcome(listener: (outcome: TransactionOutcome) => void): () => void;
  /**
   * Looks the transaction up now, whatever the connection; concurrent calls share one request.
   * Resolves the snapshot after the answer (with `error` set when the look-up failed).
   */
  refresh(): Promise<TransactionObserverSnapshot>;
}
