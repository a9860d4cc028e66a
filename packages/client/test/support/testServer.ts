import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  ACCESS_TOKEN_COOKIE,
  API_PATHS,
  EVENTS,
  HANDSHAKE_ERROR_MESSAGE,
  userRoom,
  type DepositCompletedEvent,
  type HandshakeErrorCode,
  type PaymentStatusUpdateEvent,
  type TransactionSnapshot,
  type WithdrawalCompletedEvent,
} from '@paysocket/protocol';

/** One event of a user's log, as the reference backend keeps it. */
export interface LoggedEvent {
  seq: number;
  name: string;
  payload: Record<string, unknown>;
}

/** What a client sent in one handshake, and what the server answered. */
export interface HandshakeRecord {
  auth: Record<string, unknown>;
  cookie: string | undefined;
  userId: string | null;
  rejected: HandshakeErrorCode | null;
}

export interface LookupRecord {
  transactionId: string;
  userId: string | null;
  authorization: string | undefined;
  cookie: string | undefined;
}

export interface TestServerOptions {
  /** Behave like the seed's gateway: no eventId, seq, event log or `session:v1`. */
  legacy?: boolean;
  /** Events kept per user; older ones are dropped (a reconnect past them gets `gap: true`). */
  logLimit?: number;
  /** Server clock minus real clock, for event timestamps and `serverTime`. */
  clockOffsetMs?: number;
  /** Delay of the replay, as an asynchronous store would have; live events are held meanwhile. */
  replayDelayMs?: number;
}

export interface EmitOptions {
  /** Add `eventId` + `seq` and append to the log. Defaults to `true` unless the server is legacy. */
  ids?: boolean;
}

type DepositFields = Partial<DepositCompletedEvent> & { transactionId: string };
type WithdrawalFields = Partial<WithdrawalCompletedEvent> & { transactionId: string };
type StatusFields = Partial<PaymentStatusUpdateEvent> & { transactionId: string };

interface SocketData {
  userId: string;
  holding: boolean;
  held: LoggedEvent[];
}

/**
 * A real Socket.IO server on 127.0.0.1 that delivers like the reference backend: per-user
 * event log (epoch + seq), replay after `auth.lastSeq`, live events held back during the
 * replay, then `session:v1`; plus the REST look-up of one transaction. Tests drive it.
 */
export class TestServer {
  /** token (or `access_token` cookie value) -> userId */
  readonly tokens = new Map<string, string>();
  readonly expiredTokens = new Set<string>();
  readonly handshakes: HandshakeRecord[] = [];
  readonly lookups: LookupRecord[] = [];
  /** When set, every look-up answers this HTTP status with an error body. */
  lookupFailureStatus: number | null = null;
  epoch = randomUUID();
  legacy: boolean;
  readonly clockOffsetMs: number;
  port = 0;

  #logs = new Map<string, LoggedEvent[]>();
  #transactions = new Map<string, { userId: string; snapshot: TransactionSnapshot }>();
  #logLimit: number;
  #replayDelayMs: number;
  #http: HttpServer | null = null;
  #io: Server | null = null;

  private constructor(options: TestServerOptions) {
    this.legacy = options.legacy ?? false;
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.#logLimit = options.logLimit ?? 1000;
    this.#replayDelayMs = options.replayDelayMs ?? 0;
  }

  static async start(options: TestServerOptions = {}): Promise<TestServer> {
    const server = new TestServer(options);
    await server.#listen();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#io !== null;
  }

  /** Now on the server's clock, as ISO. */
  now(): string {
    return new Date(Date.now() + this.clockOffsetMs).toISOString();
  }

  /** Accepts `token` (handshake `auth.token`, Bearer, or cookie value) as `userId`. */
  issueToken(userId: string, token: string = `tok-${userId}-${randomUUID()}`): string {
    this.tokens.set(token, userId);
    this.expiredTokens.delete(token);
    return token;
  }

  /** From now on `token` is refused with `TOKEN_EXPIRED`. */
  expireToken(token: string): void {
    this.expiredTokens.add(token);
  }

  log(userId: string): readonly LoggedEvent[] {
    return this.#logs.get(userId) ?? [];
  }

  socketCount(userId?: string): number {
    if (!this.#io) return 0;
    if (userId === undefined) return this.#io.sockets.sockets.size;
    return this.#io.sockets.adapter.rooms.get(userRoom(userId))?.size ?? 0;
  }

  emitDeposit(userId: string, fields: DepositFields, options?: EmitOptions): DepositCompletedEvent {
    const payload: DepositCompletedEvent = {
      type: 'deposit_completed',
      amount: 50_000,
      newBalance: 150_000,
      message: 'Nạp tiền thành công',
      timestamp: this.now(),
      ...fields,
    };
    return this.emitRaw(userId, EVENTS.depositCompleted, payload, options) as DepositCompletedEvent;
  }

  emitWithdrawal(
    userId: string,
    fields: WithdrawalFields,
    options?: EmitOptions,
  ): WithdrawalCompletedEvent {
    const payload: WithdrawalCompletedEvent = {
      type: 'withdrawal_completed',
      amount: 20_000,
      newBalance: 80_000,
      message: 'Rút tiền thành công',
      timestamp: this.now(),
      ...fields,
    };
    return this.emitRaw(
      userId,
      EVENTS.withdrawalCompleted,
      payload,
      options,
    ) as WithdrawalCompletedEvent;
  }

  emitStatus(
    userId: string,
    fields: StatusFields,
    options?: EmitOptions,
  ): PaymentStatusUpdateEvent {
    const payload: PaymentStatusUpdateEvent = {
      type: 'payment_status_update',
      status: 'pending',
      amount: 50_000,
      transactionType: 'deposit',
      message: 'Đang chờ thanh toán',
      timestamp: this.now(),
      ...fields,
    };
    return this.emitRaw(
      userId,
      EVENTS.paymentStatusUpdate,
      payload,
      options,
    ) as PaymentStatusUpdateEvent;
  }

  /**
   * Emits any payload under any event name to a user's sockets. With ids (the default unless
   * legacy) it gets `eventId` + `seq` and is appended to the log, so it is replayed too; this
   * works while the server is stopped (the event is only logged).
   */
  emitRaw(
    userId: string,
    name: string,
    payload: unknown,
    options: EmitOptions = {},
  ): Record<string, unknown> {
    const withIds = options.ids ?? !this.legacy;
    let body = payload as Record<string, unknown>;
    if (withIds) {
      const log = this.#logs.get(userId) ?? [];
      this.#logs.set(userId, log);
      const seq = (log.at(-1)?.seq ?? 0) + 1;
      body = { ...body, eventId: randomUUID(), seq };
      log.push({ seq, name, payload: body });
      if (log.length > this.#logLimit) log.splice(0, log.length - this.#logLimit);
      this.#deliver(userId, { seq, name, payload: body });
    } else {
      this.#deliver(userId, { seq: 0, name, payload: body });
    }
    return body;
  }

  /** Stores a transaction for the REST look-up (merged over a pending deposit). */
  putTransaction(
    userId: string,
    fields: Partial<TransactionSnapshot> & { transactionId: string },
  ): TransactionSnapshot {
    const now = this.now();
    const previous = this.#transactions.get(fields.transactionId)?.snapshot;
    const snapshot: TransactionSnapshot = {
      type: 'deposit',
      status: 'pending',
      amount: 50_000,
      message: 'Đang chờ thanh toán',
      createdAt: now,
      ...previous,
      updatedAt: now,
      ...fields,
    };
    this.#transactions.set(fields.transactionId, { userId, snapshot });
    return snapshot;
  }

  /**
   * Completes a deposit as the backend would after an IPN: the stored transaction becomes
   * completed and `deposit_completed:v1` is emitted (or only logged when nobody is connected
   * or the server is stopped).
   */
  completeDeposit(
    userId: string,
    transactionId: string,
    options: EmitOptions & { newBalance?: number } = {},
  ): DepositCompletedEvent {
    const snapshot = this.putTransaction(userId, {
      transactionId,
      status: 'completed',
      newBalance: options.newBalance ?? 150_000,
      providerTransactionId: `momo-${transactionId}`,
      message: 'Nạp tiền thành công',
    });
    return this.emitDeposit(
      userId,
      {
        transactionId,
        amount: snapshot.amount,
        newBalance: snapshot.newBalance ?? 0,
        providerTransactionId: snapshot.providerTransactionId ?? '',
        message: snapshot.message,
      },
      options,
    );
  }

  /** The event log is lost: a new epoch, and seq starts again from 1. */
  changeEpoch(): string {
    this.epoch = randomUUID();
    this.#logs.clear();
    return this.epoch;
  }

  /** Server-side disconnect of every socket of a user (as on logout). */
  disconnectUser(userId: string): void {
    this.#io?.in(userRoom(userId)).disconnectSockets(true);
  }

  /** Goes down (every socket dropped) but keeps its port, state and logs for `restart()`. */
  async stop(): Promise<void> {
    const io = this.#io;
    const http = this.#http;
    this.#io = null;
    this.#http = null;
    if (!io || !http) return;
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
      http.closeAllConnections();
    });
  }

  /** Comes back on the same port. */
  async restart(): Promise<void> {
    if (this.#io) return;
    await this.#listen();
  }

  async close(): Promise<void> {
    await this.stop();
  }

  async #listen(): Promise<void> {
    const http = createServer((req, res) => this.#handleHttp(req, res));
    const io = new Server(http, { serveClient: false });
    io.use((socket, next) => {
      const token = readToken(socket.handshake.auth, socket.handshake.headers.cookie);
      const record: HandshakeRecord = {
        auth: { ...(socket.handshake.auth as Record<string, unknown>) },
        cookie: socket.handshake.headers.cookie,
        userId: null,
        rejected: null,
      };
      this.handshakes.push(record);
      const userId = token === undefined ? undefined : this.tokens.get(token);
      const code: HandshakeErrorCode | null =
        userId === undefined
          ? 'UNAUTHORIZED'
          : this.expiredTokens.has(token as string)
            ? 'TOKEN_EXPIRED'
            : null;
      if (code || userId === undefined) {
        record.rejected = code;
        next(Object.assign(new Error(HANDSHAKE_ERROR_MESSAGE), { data: { code } }));
        return;
      }
      record.userId = userId;
      (socket.data as SocketData).userId = userId;
      next();
    });
    io.on('connection', (socket) => void this.#onConnection(socket));
    await new Promise<void>((resolve) => http.listen(this.port, '127.0.0.1', resolve));
    this.port = (http.address() as AddressInfo).port;
    this.#http = http;
    this.#io = io;
  }

  async #onConnection(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    // Join first and hold live events, so none slips between the replay and session:v1.
    data.holding = !this.legacy;
    data.held = [];
    await socket.join(userRoom(data.userId));
    if (this.legacy) return;

    const auth = socket.handshake.auth as { epoch?: unknown; lastSeq?: unknown };
    const resume =
      auth.epoch === this.epoch && typeof auth.lastSeq === 'number' ? auth.lastSeq : null;
    // Without a lastSeq, what the log held at connect time is not replayed.
    let upTo = this.log(data.userId).at(-1)?.seq ?? 0;
    if (this.#replayDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.#replayDelayMs));
    }
    if (!socket.connected) return;
    const log = this.log(data.userId);
    if (resume !== null) {
      for (const entry of log) if (entry.seq > resume) socket.emit(entry.name, entry.payload);
      upTo = log.at(-1)?.seq ?? 0;
    }
    for (const entry of data.held) {
      if (entry.seq === 0 || entry.seq > upTo) socket.emit(entry.name, entry.payload);
      upTo = Math.max(upTo, entry.seq);
    }
    data.holding = false;
    data.held = [];
    const oldest = log[0]?.seq;
    const gap =
      (auth.lastSeq !== undefined && auth.epoch !== this.epoch) ||
      (resume !== null && oldest !== undefined && oldest > resume + 1);
    socket.emit(EVENTS.session, {
      userId: data.userId,
      epoch: this.epoch,
      lastSeq: upTo,
      gap,
      serverTime: this.now(),
    });
  }

  #deliver(userId: string, entry: LoggedEvent): void {
    const io = this.#io;
    const ids = io?.sockets.adapter.rooms.get(userRoom(userId));
    if (!io || !ids) return;
    for (const id of ids) {
      const socket = io.sockets.sockets.get(id);
      if (!socket) continue;
      const data = socket.data as SocketData;
      if (data.holding) data.held.push(entry);
      else socket.emit(entry.name, entry.payload);
    }
  }

  #handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const prefix = `${API_PATHS.transactions}/`;
    const url = new URL(req.url ?? '/', this.url);
    if (req.method !== 'GET' || !url.pathname.startsWith(prefix)) {
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found' } });
      return;
    }
    const transactionId = decodeURIComponent(url.pathname.slice(prefix.length));
    const authorization = req.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    const token = bearer ?? readCookie(req.headers.cookie);
    const userId =
      token !== undefined && !this.expiredTokens.has(token) ? this.tokens.get(token) : undefined;
    this.lookups.push({
      transactionId,
      userId: userId ?? null,
      authorization,
      cookie: req.headers.cookie,
    });
    if (userId === undefined) {
      sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Sign in first' } });
      return;
    }
    if (this.lookupFailureStatus !== null) {
      sendJson(res, this.lookupFailureStatus, { error: { code: 'INTERNAL', message: 'Failed' } });
      return;
    }
    const stored = this.#transactions.get(transactionId);
    if (!stored || stored.userId !== userId) {
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'No such transaction' } });
      return;
    }
    sendJson(res, 200, { ...stored.snapshot, serverTime: this.now() });
  }
}

function readToken(auth: unknown, cookie: string | undefined): string | undefined {
  const token = (auth as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? token : readCookie(cookie);
}

function readCookie(header: string | undefined): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === ACCESS_TOKEN_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
