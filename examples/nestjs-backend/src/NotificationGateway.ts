import { Inject, Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import {
  userRoom,
  type DepositCompletedEvent,
  type PaymentStatusUpdateEvent,
  type TransactionStatus,
  type TransactionType,
  type WithdrawalCompletedEvent,
} from '@paysocket/protocol';
import {
  PaymentNotifier,
  createSessionOriginGuard,
  createSocketAuthMiddleware,
  type AsyncEventLog,
  type EventLog,
  type NotifierMetrics,
  type PaymentSocketServer,
} from '@paysocket/server';
import type { AccessTokens } from './AccessTokens.js';
import type { BackendConfig } from './config.js';
import type { PaymentStore } from './PaymentStore.js';
import { ACCESS_TOKENS, CONFIG, EVENT_LOG, PAYMENT_STORE } from './tokens.js';

/** The gateway's counters, as `GET /metrics` shows them (this node's sockets only). */
export interface GatewayMetrics extends NotifierMetrics {
  activeConnections: number;
  /** `user:` rooms with a socket on this node. */
  roomCount: number;
  mode: 'single-node' | 'multi-node';
}

const vnd = (amount: number) => `${amount.toLocaleString('vi-VN')} VND`;

/**
 * The seed's NotificationGateway on paysocket's notifier: every event is stamped with
 * `eventId` and a per-user `seq`, kept in the event log, replayed to a socket that
 * reconnects with its `lastSeq`, and followed by `session:v1`. Its Socket.IO server comes
 * from {@link PaymentIoAdapter} (origin check on handshakes, Redis adapter in multi-node mode).
 */
@WebSocketGateway({ maxHttpBufferSize: 4096 })
export class NotificationGateway implements OnGatewayInit<PaymentSocketServer> {
  readonly #logger = new Logger('NotificationGateway');
  #notifier: PaymentNotifier<EventLog | AsyncEventLog> | undefined;
  #server: PaymentSocketServer | undefined;
  /** Multi-node mode: notifications made inside a store transaction, sent once it commits. */
  #afterCommit: Array<() => Promise<void>> | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(EVENT_LOG) private readonly eventLog: EventLog | AsyncEventLog,
    @Inject(PAYMENT_STORE) private readonly store: PaymentStore,
    @Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens,
  ) {}

  /**
   * Nest guards run on message handlers, never on `handleConnection`: a guard would let an
   * unauthenticated socket connect and join rooms. So the checks are Socket.IO middleware,
   * installed here before the first client can connect: the origin guard for every request
   * of an open Engine.IO session (its polling requests and its upgrade to WebSocket), and
   * the JWT check of each handshake, which puts the user in `socket.data.userId`.
   */
  afterInit(server: PaymentSocketServer): void {
    server.engine.use(createSessionOriginGuard(this.tokens.isAllowedOrigin));
    server.use(createSocketAuthMiddleware({ verifyToken: (token) => this.tokens.verify(token) }));
    this.#server = server;
    this.#notifier = new PaymentNotifier<EventLog | AsyncEventLog>({
      io: server,
      eventLog: this.eventLog,
      multiNode: this.config.redisUrl !== undefined,
      onError: (error) => this.#logger.error(error),
    });
    this.#notifier.attach();
  }

  async notifyDepositCompleted(
    userId: string,
    transactionData: {
      transactionId: string;
      amount: number;
      newBalance: number;
      providerTransactionId?: string;
    },
  ): Promise<DepositCompletedEvent> {
    const { transactionId, amount, newBalance, providerTransactionId } = transactionData;
    return this.#send(() =>
      this.#ready().depositCompleted(userId, {
        transactionId,
        amount,
        newBalance,
        ...(providerTransactionId === undefined ? {} : { providerTransactionId }),
        message: `Nạp tiền thành công ${vnd(amount)}`,
      }),
    );
  }

  async notifyPaymentStatusUpdate(
    userId: string,
    statusData: {
      transactionId: string;
      status: TransactionStatus;
      amount: number;
      transactionType: TransactionType;
      message: string;
      metadata?: Record<string, unknown>;
    },
  ): Promise<PaymentStatusUpdateEvent> {
    return this.#send(() => this.#ready().paymentStatusUpdate(userId, statusData));
  }

  async notifyWithdrawalCompleted(
    userId: string,
    transactionData: { transactionId: string; amount: number; newBalance: number },
  ): Promise<WithdrawalCompletedEvent> {
    const { transactionId, amount, newBalance } = transactionData;
    return this.#send(() =>
      this.#ready().withdrawalCompleted(userId, {
        transactionId,
        amount,
        newBalance,
        message: `Rút tiền thành công ${vnd(amount)}`,
      }),
    );
  }

  /**
   * Runs a state change in one store transaction; the notifications it makes reach sockets
   * only after the commit. With the SQLite event log the events are appended inside that
   * very transaction. With Redis they cannot be: they are appended right after the commit,
   * and a crash between the two loses the event but not the state, which the client's REST
   * look-up then finds.
   */
  async transaction<T>(work: () => T): Promise<T> {
    const log = this.eventLog;
    // The log's transaction is a transaction of the store's own database (libsql has no
    // nested transactions, so the work runs in it rather than in one of its own).
    if ('transaction' in log) return log.transaction(() => work());
    const queue: Array<() => Promise<void>> = [];
    this.#afterCommit = queue;
    let result: T;
    try {
      result = this.store.transaction(work);
    } finally {
      this.#afterCommit = undefined;
    }
    for (const send of queue) await send();
    return result;
  }

  /** Closes every socket of a user (logout). */
  disconnectUser(userId: string): void {
    this.#ready().disconnectUser(userId);
  }

  getMetrics(): GatewayMetrics {
    const server = this.#server;
    let roomCount = 0;
    for (const room of server?.of('/').adapter.rooms.keys() ?? []) {
      if (room.startsWith(userRoom(''))) roomCount += 1;
    }
    return {
      ...(this.#notifier?.getMetrics() ?? {
        messagesProcessed: 0,
        eventsReplayed: 0,
        sessionsStarted: 0,
      }),
      activeConnections: server?.of('/').sockets.size ?? 0,
      roomCount,
      mode: this.config.redisUrl === undefined ? 'single-node' : 'multi-node',
    };
  }

  #ready(): PaymentNotifier<EventLog | AsyncEventLog> {
    if (!this.#notifier) throw new Error('the Socket.IO server is not initialised yet');
    return this.#notifier;
  }

  #send<E>(send: () => E | Promise<E>): Promise<E> {
    const queue = this.#afterCommit;
    if (!queue) return Promise.resolve(send());
    return new Promise<E>((resolve, reject) => {
      queue.push(() => Promise.resolve(send()).then(resolve, reject));
    });
  }
}
