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
import type { EventLog, StoreTransaction, StoredEvent, UnsequencedEvent } from './EventLog';
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

export interface PaymentNotifierOptions {
  io: Server;
  eventLog: EventLog;
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

interface CatchingUp {
  socket: Socket;
  held: StoredEvent[];
}

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
export class PaymentNotifier {
  readonly #io: Server;
  readonly #log: EventLog;
  readonly #onError: (error: unknown) => void;
  readonly #catchingUp = new Map<string, Set<CatchingUp>>();
  readonly #metrics: NotifierMetrics = {
    messagesProcessed: 0,
    eventsReplayed: 0,
    sessionsStarted: 0,
  };

  constructor(options: PaymentNotifierOptions) {
    this.#io = options.io;
    this.#log = options.eventLog;
    this.#onError = options.onError ?? ((error) => console.error(error));
  }

  /** The event log the notifier writes to. */
  get eventLog(): EventLog {
    return this.#log;
  }

  /** Handles every new socket of the server (call once, after the auth middleware is in place). */
  attach(): void {
    this.#io.on('connection', (socket) => {
      void this.handleConnection(socket);
    });
  }

  /**
   * Joins an authenticated socket to its user's room, replays what it missed since
   * `handshake.auth.lastSeq` (same epoch only), then sends `session:v1`. Live events that
   * arrive meanwhile are held back and sent after the replay, so none slips past unseen.
   */
  async handleConnection(socket: Socket): Promise<void> {
    const { userId } = socket.data as AuthenticatedSocketData;
    const entry: CatchingUp = { socket, held: [] };
    let waiting = this.#catchingUp.get(userId);
    if (!waiting) this.#catchingUp.set(userId, (waiting = new Set()));
    waiting.add(entry);
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
      for (const event of entry.held) {
        if (event.seq <= replayedUpTo) continue;
        socket.emit(event.name, event.payload as never);
        upTo = Math.max(upTo, event.seq);
      }
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
    } finally {
      waiting.delete(entry);
      if (waiting.size === 0) this.#catchingUp.delete(userId);
    }
  }

  /** Notifies that a deposit completed. Pass the store transaction that credited it. */
  depositCompleted(
    userId: string,
    data: DepositCompletedData,
    tx?: StoreTransaction,
  ): DepositCompletedEvent {
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
      tx,
    ) as DepositCompletedEvent;
  }

  /** Notifies that a withdrawal completed. Pass the store transaction that debited it. */
  withdrawalCompleted(
    userId: string,
    data: WithdrawalCompletedData,
    tx?: StoreTransaction,
  ): WithdrawalCompletedEvent {
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
      tx,
    ) as WithdrawalCompletedEvent;
  }

  /** Notifies any other status change (pending, failed, cancelled). */
  paymentStatusUpdate(
    userId: string,
    data: PaymentStatusUpdateData,
    tx?: StoreTransaction,
  ): PaymentStatusUpdateEvent {
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
      tx,
    ) as PaymentStatusUpdateEvent;
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
  ): StoredEvent['payload'] {
    if (userId.length === 0) throw new TypeError('userId must not be empty');
    const checked = schema.safeParse({ ...event, eventId: 'pending', seq: 1 });
    if (!checked.success) {
      const issue = checked.error?.issues[0];
      throw new TypeError(
        `invalid ${name} event: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema mismatch'}`,
      );
    }
    const append = (store: StoreTransaction): StoredEvent => {
      const stored = this.#log.append(store, userId, name, event);
      store.onCommit(() => this.#deliver(stored));
      return stored;
    };
    return (tx ? append(tx) : this.#log.transaction(append)).payload;
  }

  #deliver(event: StoredEvent): void {
    try {
      const waiting = this.#catchingUp.get(event.userId);
      let target = this.#io.to(userRoom(event.userId));
      if (waiting) {
        for (const entry of waiting) entry.held.push(event);
        target = target.except([...waiting].map((entry) => entry.socket.id));
      }
      target.emit(event.name, event.payload as never);
      this.#metrics.messagesProcessed += 1;
    } catch (error) {
      this.#onError(error);
    }
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
