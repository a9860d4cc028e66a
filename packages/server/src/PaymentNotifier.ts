import type { BroadcastOperator, Server, Socket } from 'socket.io';
import {
  EVENTS,
  EVENT_NAME_BY_KIND,
  PAYMENT_EVENT_SCHEMAS,
  handshakeAuthSchema,
  userRoom,
  type ClientToServerEvents,
  type DepositCompletedEvent,
  type PaymentEventKind,
  type PaymentStatusUpdateEvent,
  type ServerToClientEvents,
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

interface PaymentEventByKind {
  deposit_completed: DepositCompletedEvent;
  withdrawal_completed: WithdrawalCompletedEvent;
  payment_status_update: PaymentStatusUpdateEvent;
}
type Stamped = 'type' | 'eventId' | 'seq' | 'timestamp';
/** What the caller supplies for an event; the notifier adds type, eventId, seq and timestamp. */
type EventData<Kind extends PaymentEventKind> = Omit<PaymentEventByKind[Kind], Stamped> & {
  timestamp?: string;
};
export type DepositCompletedData = EventData<'deposit_completed'>;
export type WithdrawalCompletedData = EventData<'withdrawal_completed'>;
export type PaymentStatusUpdateData = EventData<'payment_status_update'>;

/** The event as emitted: at once with a synchronous {@link EventLog}, once stored with an {@link AsyncEventLog}. */
export type Notified<Log, Event> = Log extends EventLog ? Event : Promise<Event>;
/** The caller's store transaction to join: only a synchronous {@link EventLog} has one. */
export type CallerTransaction<Log> = Log extends EventLog ? [tx?: StoreTransaction] : [];

/** The server-side message that carries an appended event to the other nodes. */
const RELAY = 'paysocket:event';

/** Messages between the nodes of a cluster (multi-node mode). */
export interface NotifierServerSideEvents {
  [RELAY]: (event: StoredEvent) => void;
}

/** The Socket.IO server the notifier emits on, typed with the wire protocol's event maps. */
export type PaymentSocketServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  NotifierServerSideEvents,
  AuthenticatedSocketData
>;
/** One authenticated socket of a {@link PaymentSocketServer}. */
export type PaymentSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  NotifierServerSideEvents,
  AuthenticatedSocketData
>;

export interface PaymentNotifierOptions<Log extends EventLog | AsyncEventLog = EventLog> {
  io: PaymentSocketServer;
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
  socket: PaymentSocket;
  /** Live events held back while the socket is replayed to; `undefined` once it has its session. */
  held: StoredEvent[] | undefined;
  /** The `lastSeq` of the socket's session: events at or below it never arrive live. */
  floor: number;
}

/**
 * Tells users about payment events: each event is validated, stamped with `eventId`, a
 * per-user `seq` and a timestamp, appended to the event log inside the caller's store
 * transaction, and emitted to `user:<id>` only after that transaction commits. Sockets
 * that connect are replayed what they missed, then told their `session:v1`.
 */
export class PaymentNotifier<Log extends EventLog | AsyncEventLog = EventLog> {
  readonly #io: PaymentSocketServer;
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
      this.#io.on(RELAY, (event) => this.#deliverLocally(event));
    }
  }

  /**
   * Joins an authenticated socket to its user's room, replays what it missed since
   * `handshake.auth.lastSeq` (same epoch only), then sends `session:v1`. Live events that
   * arrive meanwhile are held back and sent after the replay, in seq order and each once,
   * so none slips past unseen.
   */
  async handleConnection(socket: PaymentSocket): Promise<void> {
    const { userId } = socket.data;
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
      const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
      const { epoch, lastSeq: requested } = auth.success ? auth.data : {};
      let upTo: number;
      let gap = false;
      let replayedUpTo = -1;
      if (requested !== undefined && epoch === this.#log.epoch) {
        const replay = await this.#log.replay(userId, requested);
        for (const event of replay.events) {
          emitEvent(socket, event);
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
        emitEvent(socket, event);
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
      socket.emit(EVENTS.session, session);
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
    return this.#notify('deposit_completed', userId, data, tx[0]);
  }

  /** Notifies that a withdrawal completed. Pass the store transaction that debited it. */
  withdrawalCompleted(
    userId: string,
    data: WithdrawalCompletedData,
    ...tx: CallerTransaction<Log>
  ): Notified<Log, WithdrawalCompletedEvent> {
    return this.#notify('withdrawal_completed', userId, data, tx[0]);
  }

  /** Notifies any other status change (pending, failed, cancelled). */
  paymentStatusUpdate(
    userId: string,
    data: PaymentStatusUpdateData,
    ...tx: CallerTransaction<Log>
  ): Notified<Log, PaymentStatusUpdateEvent> {
    return this.#notify('payment_status_update', userId, data, tx[0]);
  }

  /** Disconnects every socket of a user (on logout). */
  disconnectUser(userId: string): void {
    this.#io.in(userRoom(userId)).disconnectSockets(true);
  }

  getMetrics(): NotifierMetrics {
    return { ...this.#metrics };
  }

  /**
   * Stamps, checks and appends an event of any kind, then delivers it after the commit: at
   * once with a synchronous log (inside `tx` when given), as a promise with an asynchronous one.
   */
  #notify<Kind extends PaymentEventKind>(
    kind: Kind,
    userId: string,
    data: EventData<Kind>,
    tx: StoreTransaction | undefined,
  ): Notified<Log, PaymentEventByKind[Kind]> {
    const name = EVENT_NAME_BY_KIND[kind];
    const event: UnsequencedEvent = { ...data, type: kind, timestamp: data.timestamp ?? now() };
    const log: EventLog | AsyncEventLog = this.#log;
    if (!isTransactional(log)) {
      const stored = (async () => {
        checkEvent(userId, kind, event);
        const appended = await log.append(userId, name, event);
        this.#deliver(appended);
        return appended.payload;
      })();
      return stored as Notified<Log, PaymentEventByKind[Kind]>;
    }
    checkEvent(userId, kind, event);
    const append = (store: StoreTransaction): StoredEvent => {
      const appended = log.append(store, userId, name, event);
      store.onCommit(() => this.#deliver(appended));
      return appended;
    };
    const stored = (tx ? append(tx) : log.transaction(append)).payload;
    return stored as Notified<Log, PaymentEventByKind[Kind]>;
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
      emitEvent((this.#multiNode ? room.local : room).except(skipped), event);
      this.#metrics.messagesProcessed += 1;
    } catch (error) {
      this.#onError(error);
    }
  }
}

function isTransactional(log: EventLog | AsyncEventLog): log is EventLog {
  return 'transaction' in log;
}

function checkEvent(userId: string, kind: PaymentEventKind, event: UnsequencedEvent): void {
  if (userId.length === 0) throw new TypeError('userId must not be empty');
  const checked = PAYMENT_EVENT_SCHEMAS[kind].safeParse({ ...event, eventId: 'pending', seq: 1 });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new TypeError(
      `invalid ${EVENT_NAME_BY_KIND[kind]} event: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema mismatch'}`,
    );
  }
}

/**
 * Emits a stored event under the wire name of its payload's kind (the name the log keeps
 * beside it), so that each payload type meets its own entry of the typed event map.
 */
function emitEvent(
  target: PaymentSocket | BroadcastOperator<ServerToClientEvents, AuthenticatedSocketData>,
  { payload }: StoredEvent,
): void {
  switch (payload.type) {
    case 'deposit_completed':
      target.emit(EVENTS.depositCompleted, payload);
      break;
    case 'withdrawal_completed':
      target.emit(EVENTS.withdrawalCompleted, payload);
      break;
    case 'payment_status_update':
      target.emit(EVENTS.paymentStatusUpdate, payload);
      break;
  }
}

function now(): string {
  return new Date().toISOString();
}
