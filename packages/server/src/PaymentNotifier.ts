import type { Server, Socket } from 'socket.io';
import {
  EVENTS,
  depositCompletedSchema,
  paymentStatusUpdateSchema,
  userRoom,
  withdrawalCompletedSchema,
  type DepositCompletedEvent,
  type PaymentEventName,
  type PaymentStatusUpdateEvent,
  type SessionInfo,
  type WithdrawalCompletedEvent,
} from '@paysocket/protocol';
import type {
  AsyncEventLog,
  EventLog,
  StoreTransaction,
  StoredEvent,
  UnsequencedEvent,
} from './EventLog';
import type { AuthenticatedSocketData } from './socketAuthMiddleware';

type Stamped = 'type' | 'eventId' | 'seq' | 'timestamp';
/** What the caller supplies for each event; the notifier adds type, eventId, seq and timestamp. */
export type DepositCompletedData = Omit<DepositCompletedEvent, Stamped> & { timestamp?: string };
export type WithdrawalCompletedData = Omit<WithdrawalCompletedEvent, Stamped> & {
  timestamp?: string;
};
export type PaymentStatusUpdateData = Omit<PaymentStatusUpdateEvent, Stamped> & {
  timestamp?: string;
};

/** The event as emitted: at once with a synchronous {@link EventLog}, once stored with an {@link AsyncEventLog}. */
export type Notified<Log, Event> = Log extends EventLog ? Event : Promise<Event>;
/** The caller's store transaction to join: only a synchronous {@link EventLog} has one. */
export type CallerTransaction<Log> = Log extends EventLog ? [tx?: StoreTransaction] : [];

export interface PaymentNotifierOptions<Log extends EventLog | AsyncEventLog = EventLog> {
  io: Server;
  eventLog: Log;
  /**
   * Several nodes share the event log (e.g. a `RedisEventLog`) and a Socket.IO cluster
   * adapter (`@socket.io/redis-adapter`): each node delivers events to its own sockets only,
   * holding them back from the sockets it is still replaying to, and relays the events it
   * appends to the other nodes with `serverSideEmit`. Defaults to `false`.
   */
  multiNode?: boolean;
  /** Told about failures that have no caller to throw to (replay on connect). Defaults to `console.error`. */
  onError?: (error: unknown) => void;
}

/** Counters for `/metrics`. */
export interface NotifierMetrics {
  /** Events emitted live to a user room. */
  messagesProcessed: number;
  /** Events sent again to reconnecting sockets. */
  eventsReplayed: number;
  /** `session:v1` messages sent. */
  sessionsStarted: number;
}

interface UserSocket {
  socket: Socket;
  /** Live events held back while the socket is replayed to; `undefined` once it has its session. */
  held: StoredEvent[] | undefined;
  /** The `lastSeq` of the socket's session: events at or below it never arrive live. */
  floor: number;
}

/** The server-side message that carries an appended event to the other nodes. */
const RELAY = 'paysocket:event';

interface SafeParser {
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: Array<{ message: string; path: PropertyKey[] }> };
  };
}

/**
 * Tells users about payment events: each event is validated, stamped with `eventId`, a
 * per-user `seq` and a timestamp, appended to the event log inside the caller's store
 * transaction, and emitted to `user:<id>` only after that transaction commits. Sockets
 * that connect are replayed what they missed, then told their `session:v1`.
 */
export class PaymentNotifier<Log extends EventLog | AsyncEventLog = EventLog> {
  readonly #io: Server;
  readonly #log: Log;
  readonly #multiNode: boolean;
  readonly #onError: (error: unknown) => void;
  readonly #sockets = new Map<string, Set<UserSocket>>();
  readonly #metrics: NotifierMetrics = {
    messagesProcessed: 0,
    eventsReplayed: 0,
    sessionsStarted: 0,
  };

  constructor(options: PaymentNotifierOptions<Log>) {
    this.#io = options.io;
    this.#log = options.eventLog;
    this.#multiNode = options.multiNode ?? false;
    this.#onError = options.onError ?? ((error) => console.error(error));
  }

  /** The event log the notifier writes to. */
  get eventLog(): Log {
    return this.#log;
  }

  /** Handles every new socket of the server (call once, after the auth middleware is in place). */
  attach(): void {
    this.#io.on('connection', (socket) => {
      void this.handleConnection(socket);
    });
    if (this.#multiNode) {
      this.#io.on(RELAY, (event: StoredEvent) => this.#deliverLocally(event));
    }
  }

  /**
   * Joins an authenticated socket to its user's room, replays what it missed since
   * `handshake.auth.lastSeq` (same epoch only), then sends `session:v1`. Live events that
   * arrive meanwhile are held back and sent after the replay, in seq order and each once,
   * so none slips past unseen.
   */
  async handleConnection(socket: Socket): Promise<void> {
    const { userId } = socket.data as AuthenticatedSocketData;
    const entry: UserSocket = { socket, held: [], floor: 0 };
    let entries = this.#sockets.get(userId);
    if (!entries) this.#sockets.set(userId, (entries = new Set()));
    const registered = entries;
    registered.add(entry);
    socket.on('disconnect', () => {
      registered.delete(entry);
      if (registered.size === 0 && this.#sockets.get(userId) === registered) {
        this.#sockets.delete(userId);
      }
    });
    try {
      await socket.join(userRoom(userId));
      const { epoch, lastSeq: requested } = readResume(socket.handshake.auth);
      let upTo: number;
      let gap = false;
      let replayedUpTo = -1;
      if (requested !== undefined && epoch === this.#log.epoch) {
        const replay = await this.#log.replay(userId, requested);
        for (const event of replay.events) {
          socket.emit(event.name, event.payload as never);
          replayedUpTo = event.seq;
        }
        this.#metrics.eventsReplayed += replay.events.length;
        upTo = replay.lastSeq;
        gap = replay.gap;
      } else {
        upTo = await this.#log.lastSeq(userId);
        gap = requested !== undefined;
      }
      const held = (entry.held ?? []).sort((a, b) => a.seq - b.seq);
      let sentUpTo = replayedUpTo;
      for (const event of held) {
        if (event.seq <= sentUpTo) continue;
        socket.emit(event.name, event.payload as never);
        sentUpTo = event.seq;
        upTo = Math.max(upTo, event.seq);
      }
      entry.held = undefined;
      entry.floor = upTo;
      const session: SessionInfo = {
        userId,
        epoch: this.#log.epoch,
        lastSeq: upTo,
        gap,
        serverTime: new Date().toISOString(),
      };
      socket.emit(EVENTS.session, session as never);
      this.#metrics.sessionsStarted += 1;
    } catch (error) {
      this.#onError(error);
      socket.disconnect(true);
    }
  }

  /** Notifies that a deposit completed. Pass the store transaction that credited it. */
  depositCompleted(
    userId: string,
    data: DepositCompletedData,
    ...tx: CallerTransaction<Log>
  ): Notified<Log, DepositCompletedEvent> {
    const event = {
      ...data,
      type: 'deposit_completed' as const,
      timestamp: data.timestamp ?? now(),
    };
    return this.#notify(
      userId,
      EVENTS.depositCompleted,
      depositCompletedSchema,
      event,
      tx[0],
    ) as Notified<Log, DepositCompletedEvent>;
  }

  /** Notifies that a withdrawal completed. Pass the store transaction that debited it. */
  withdrawalCompleted(
    userId: string,
    data: WithdrawalCompletedData,
    ...tx: CallerTransaction<Log>
  ): Notified<Log, WithdrawalCompletedEvent> {
    const event = {
      ...data,
      type: 'withdrawal_completed' as const,
      timestamp: data.timestamp ?? now(),
    };
    return this.#notify(
      userId,
      EVENTS.withdrawalCompleted,
      withdrawalCompletedSchema,
      event,
      tx[0],
    ) as Notified<Log, WithdrawalCompletedEvent>;
  }

  /** Notifies any other status change (pending, failed, cancelled). */
  paymentStatusUpdate(
    userId: string,
    data: PaymentStatusUpdateData,
    ...tx: CallerTransaction<Log>
  ): Notified<Log, PaymentStatusUpdateEvent> {
    const event = {
      ...data,
      type: 'payment_status_update' as const,
      timestamp: data.timestamp ?? now(),
    };
    return this.#notify(
      userId,
      EVENTS.paymentStatusUpdate,
      paymentStatusUpdateSchema,
      event,
      tx[0],
    ) as Notified<Log, PaymentStatusUpdateEvent>;
  }

  /** Disconnects every socket of a user (on logout). */
  disconnectUser(userId: string): void {
    this.#io.in(userRoom(userId)).disconnectSockets(true);
  }

  getMetrics(): NotifierMetrics {
    return { ...this.#metrics };
  }

  #notify(
    userId: string,
    name: PaymentEventName,
    schema: SafeParser,
    event: UnsequencedEvent,
    tx: StoreTransaction | undefined,
  ): StoredEvent['payload'] | Promise<StoredEvent['payload']> {
    const log: EventLog | AsyncEventLog = this.#log;
    if (!isTransactional(log)) {
      return (async () => {
        checkEvent(userId, name, schema, event);
        const stored = await log.append(userId, name, event);
        this.#deliver(stored);
        return stored.payload;
      })();
    }
    checkEvent(userId, name, schema, event);
    const append = (store: StoreTransaction): StoredEvent => {
      const stored = log.append(store, userId, name, event);
      store.onCommit(() => this.#deliver(stored));
      return stored;
    };
    return (tx ? append(tx) : log.transaction(append)).payload;
  }

  #deliver(event: StoredEvent): void {
    this.#deliverLocally(event);
    if (!this.#multiNode) return;
    try {
      this.#io.serverSideEmit(RELAY, event);
    } catch (error) {
      this.#onError(error);
    }
  }

  /** Emits to this node's sockets of the user, except those being replayed to (they hold it) or already past it. */
  #deliverLocally(event: StoredEvent): void {
    try {
      const skipped: string[] = [];
      for (const entry of this.#sockets.get(event.userId) ?? []) {
        if (entry.held) {
          entry.held.push(event);
          skipped.push(entry.socket.id);
        } else if (event.seq <= entry.floor) {
          skipped.push(entry.socket.id);
        }
      }
      const room = this.#io.to(userRoom(event.userId));
      (this.#multiNode ? room.local : room)
        .except(skipped)
        .emit(event.name, event.payload as never);
      this.#metrics.messagesProcessed += 1;
    } catch (error) {
      this.#onError(error);
    }
  }
}

function isTransactional(log: EventLog | AsyncEventLog): log is EventLog {
  return 'transaction' in log;
}

function checkEvent(
  userId: string,
  name: PaymentEventName,
  schema: SafeParser,
  event: UnsequencedEvent,
): void {
  if (userId.length === 0) throw new TypeError('userId must not be empty');
  const checked = schema.safeParse({ ...event, eventId: 'pending', seq: 1 });
  if (!checked.success) {
    const issue = checked.error?.issues[0];
    throw new TypeError(
      `invalid ${name} event: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema mismatch'}`,
    );
  }
}

function now(): string {
  return new Date().toISOString();
}

function readResume(auth: unknown): { epoch?: string; lastSeq?: number } {
  if (!auth || typeof auth !== 'object') return {};
  const { epoch, lastSeq } = auth as Record<string, unknown>;
  return {
    ...(typeof epoch === 'string' ? { epoch } : {}),
    ...(typeof lastSeq === 'number' && Number.isSafeInteger(lastSeq) && lastSeq >= 0
      ? { lastSeq }
      : {}),
  };
}
