import { io, type Socket } from 'socket.io-client';
import {
  HANDSHAKE_ERROR_MESSAGE,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
} from '@paysocket/protocol';
import { PaymentSocketError } from './PaymentSocketError';
import { backoffDelay } from './backoffDelay';
import type { ConnectionStatus, Logger, PaymentSocketClientOptions } from './types';
import { browserOffline } from './watchBrowser';

export type PaymentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type Resting = 'idle' | 'offline' | 'unauthorized' | 'failed' | 'closed';

/**
 * Where the connection is. Every change is a new object, so async work begun in one phase can
 * tell that it is over; the socket and the backoff timer live in the phase that owns them, so
 * leaving that phase is what closes or clears them.
 */
export type ConnectionPhase = { readonly attempt: number } & (
  | { readonly status: Resting }
  /** Getting (or refreshing) credentials: no socket yet. */
  | { readonly status: 'connecting' | 'reconnecting'; readonly step: 'credentials' }
  /** Waiting for the server to accept the handshake. */
  | {
      readonly status: 'connecting' | 'reconnecting';
      readonly step: 'handshake';
      readonly socket: PaymentSocket;
    }
  /** Waiting out the backoff before the next attempt. */
  | {
      readonly status: 'reconnecting';
      readonly step: 'backoff';
      readonly timer: ReturnType<typeof setTimeout>;
    }
  | { readonly status: 'connected'; readonly socket: PaymentSocket }
);

export interface ConnectionOwner {
  /** The phase changed; `error` says why when it ends in `unauthorized` or `failed`. */
  changed(phase: ConnectionPhase, error?: PaymentSocketError): void;
  /** The epoch and lastSeq to resume from, sent in the handshake. */
  resume(): Pick<HandshakeAuth, 'epoch' | 'lastSeq'>;
  /** Any event of the connected socket, unchecked. */
  receive(name: string, payload: unknown): void;
}

/**
 * One Socket.IO connection at a time and its lifecycle: credentials, capped exponential
 * backoff, one credentials refresh per rejection, offline, and a stop that stays stopped.
 * Reconnection is driven here (not by Socket.IO) so that all of these follow one set of rules.
 */
export class Connection {
  #options: PaymentSocketClientOptions;
  #log: Logger | undefined;
  #owner: ConnectionOwner;
  #phase: ConnectionPhase = { status: 'idle', attempt: 0 };
  /** The credentials were refreshed once since the last accepted handshake. */
  #authTried = false;
  #forceRefresh = false;
  #token: string | undefined;

  constructor(
    options: PaymentSocketClientOptions,
    log: Logger | undefined,
    owner: ConnectionOwner,
  ) {
    this.#options = options;
    this.#log = log;
    this.#owner = owner;
  }

  get phase(): ConnectionPhase {
    return this.#phase;
  }

  get status(): ConnectionStatus {
    return this.#phase.status;
  }

  /** The token last sent in a handshake (token mode), for REST calls on the same identity. */
  get token(): string | undefined {
    return this.#token;
  }

  /** Connecting, connected, or about to retry. */
  get active(): boolean {
    const { status } = this.#phase;
    return status === 'connecting' || status === 'connected' || status === 'reconnecting';
  }

  connect(): void {
    const { status } = this.#phase;
    if (status === 'closed' || status === 'connected' || status === 'connecting') return;
    this.#authTried = false;
    void this.#open(0);
  }

  /** Stops in `status` (default `idle`), from any phase but `closed`. */
  stop(status: Resting = 'idle', error?: PaymentSocketError): void {
    if (this.#phase.status === 'closed') return;
    this.#enter({ status, attempt: status === 'idle' ? 0 : this.#phase.attempt }, error);
  }

  /** The browser lost the network. */
  offline(): void {
    if (this.active) this.#enter({ status: 'offline', attempt: this.#phase.attempt });
  }

  /** The network or the tab came back: an attempt now instead of after the backoff. */
  retryNow(): void {
    const phase = this.#phase;
    if (
      phase.status === 'offline' ||
      (phase.status === 'reconnecting' && phase.step === 'backoff')
    ) {
      void this.#open(phase.attempt);
    }
  }

  /** A new identity: nothing of the previous one's credentials is used again. */
  forgetCredentials(): void {
    this.#token = undefined;
    this.#authTried = this.#forceRefresh = false;
  }

  async #open(attempt: number): Promise<void> {
    if (browserOffline()) return void this.#enter({ status: 'offline', attempt });
    const status = attempt ? 'reconnecting' : 'connecting';
    const phase = this.#enter({ status, attempt, step: 'credentials' });
    const { auth: mode, url, path, headers } = this.#options;
    const auth: HandshakeAuth = {};
    if (mode && mode !== 'cookie') {
      try {
        auth.token =
          typeof mode.token === 'string'
            ? mode.token
            : await mode.token({ forceRefresh: this.#forceRefresh });
      } catch (cause) {
        if (phase === this.#phase) void this.#rejected(cause);
        return;
      }
      // A token fetched before a user switch or a stop is never sent.
      if (phase !== this.#phase) return;
      // Refreshed once: later retries (say, while the server is away) reuse it.
      this.#forceRefresh = false;
      this.#token = auth.token;
    }
    Object.assign(auth, this.#owner.resume());
    const socket: PaymentSocket = io(url, {
      path,
      auth,
      reconnection: false,
      forceNew: true,
      withCredentials: !mode || mode === 'cookie',
      extraHeaders: headers,
    });
    this.#enter({ status, attempt, step: 'handshake', socket });
    socket.on('connect', () => {
      this.#authTried = this.#forceRefresh = false;
      this.#enter({ status: 'connected', attempt: 0, socket });
    });
    socket.on('connect_error', (error) => {
      if (error.message === HANDSHAKE_ERROR_MESSAGE) void this.#rejected(error);
      else this.#retry(error);
    });
    socket.on('disconnect', (reason) => {
      // The server hung up on purpose (logout): coming back would be wrong.
      if (reason === 'io server disconnect') this.stop('idle');
      else this.#retry(new Error(reason));
    });
    socket.onAny((name: string, payload: unknown) => this.#owner.receive(name, payload));
  }

  /** One refresh of the credentials per rejection streak; then `unauthorized`, no loop. */
  async #rejected(cause: unknown): Promise<void> {
    const { status, attempt } = this.#phase;
    if (status !== 'connecting' && status !== 'reconnecting') return;
    const phase = this.#enter({ status, attempt, step: 'credentials' });
    const { auth: mode, onAuthError } = this.#options;
    if (!this.#authTried) {
      this.#authTried = true;
      try {
        if (mode && mode !== 'cookie') {
          if (typeof mode.token === 'function') {
            this.#forceRefresh = true;
            return void this.#open(attempt);
          }
        } else if (onAuthError) {
          await onAuthError();
          if (phase === this.#phase) void this.#open(attempt);
          return;
        }
      } catch (error) {
        cause = error;
      }
    }
    if (phase !== this.#phase) return;
    this.stop('unauthorized', new PaymentSocketError('AUTH_FAILED', 'Not authorized', { cause }));
  }

  #retry(cause: Error): void {
    const attempt = this.#phase.attempt + 1;
    const reconnect = this.#options.reconnect ?? {};
    if (attempt > (reconnect.maxAttempts ?? Infinity)) {
      return this.stop(
        'failed',
        new PaymentSocketError('CONNECTION_FAILED', `Could not connect: ${cause.message}`, {
          cause,
        }),
      );
    }
    this.#log?.debug('paysocket: reconnecting', attempt, cause.message);
    if (browserOffline()) return void this.#enter({ status: 'offline', attempt });
    const timer = setTimeout(() => void this.#open(attempt), backoffDelay(attempt, reconnect));
    this.#enter({ status: 'reconnecting', attempt, step: 'backoff', timer });
  }

  /** The one place the phase changes: what the old phase held and the new one does not, goes. */
  #enter<P extends ConnectionPhase>(next: P, error?: PaymentSocketError): P {
    const previous = this.#phase;
    this.#phase = next;
    if ('timer' in previous) clearTimeout(previous.timer);
    if ('socket' in previous && (!('socket' in next) || next.socket !== previous.socket)) {
      previous.socket.removeAllListeners();
      previous.socket.offAny();
      previous.socket.disconnect();
    }
    this.#owner.changed(next, error);
    return next;
  }
}
