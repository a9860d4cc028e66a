import { randomUUID } from 'node:crypto';
import type { PaymentEvent, PaymentEventName } from '@paysocket/protocol';
import type {
  EventLog,
  ReplayResult,
  StoreTransaction,
  StoredEvent,
  UnsequencedEvent,
} from './EventLog';

/** The part of a better-sqlite3-style statement this log uses (better-sqlite3, libsql). */
export interface SqliteStatementLike {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** The part of a better-sqlite3-style database this log uses (better-sqlite3, libsql). */
export interface SqliteDatabaseLike {
  prepare(source: string): SqliteStatementLike;
  exec(source: string): unknown;
  /** Wraps `fn` in a transaction; the log only ever calls the result with no arguments. */
  transaction<T>(fn: () => T): () => T;
}

export interface SqliteEventLogOptions {
  /** Events kept per user; older ones are dropped (a client that far behind gets `gap`). Defaults to `1000`. */
  maxEventsPerUser?: number;
  /** How long events are kept, in milliseconds. Defaults to `604800000` (7 days). */
  retentionMs?: number;
  /** Clock, for tests. Defaults to `Date.now`. */
  now?: () => number;
}

class SqliteTransaction implements StoreTransaction {
  readonly callbacks: Array<() => void> = [];
  onCommit(callback: () => void): void {
    this.callbacks.push(callback);
  }
}

interface EventRow {
  user_id: string;
  seq: number;
  event_id: string;
  name: string;
  payload: string;
  created_at: number;
}

/**
 * {@link EventLog} in the backend's own SQLite database, so the payment state, the
 * idempotency record and the event commit together. Survives restarts when the database
 * is a file; the epoch lives in the same file.
 */
export class SqliteEventLog implements EventLog {
  readonly epoch: string;
  readonly #db: SqliteDatabaseLike;
  readonly #maxEvents: number;
  readonly #retentionMs: number;
  readonly #now: () => number;
  #active: SqliteTransaction | undefined;
  readonly #statements: {
    nextSeq: SqliteStatementLike;
    insert: SqliteStatementLike;
    prune: SqliteStatementLike;
    after: SqliteStatementLike;
    lastSeq: SqliteStatementLike;
  };

  constructor(db: SqliteDatabaseLike, options: SqliteEventLogOptions = {}) {
    this.#db = db;
    this.#maxEvents = options.maxEventsPerUser ?? 1000;
    this.#retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
    db.exec(`
      CREATE TABLE IF NOT EXISTS paysocket_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS paysocket_user_seq (user_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS paysocket_events (
        user_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, seq)
      );
    `);
    db.prepare(`INSERT OR IGNORE INTO paysocket_meta (key, value) VALUES ('epoch', ?)`).run(
      randomUUID(),
    );
    const row = db.prepare(`SELECT value FROM paysocket_meta WHERE key = 'epoch'`).get() as {
      value: string;
    };
    this.epoch = row.value;
    this.#statements = {
      nextSeq: db.prepare(
        `INSERT INTO paysocket_user_seq (user_id, last_seq) VALUES (?, 1)
         ON CONFLICT (user_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      ),
      insert: db.prepare(
        `INSERT INTO paysocket_events (user_id, seq, event_id, name, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      prune: db.prepare(
        `DELETE FROM paysocket_events WHERE user_id = ? AND (seq <= ? OR created_at < ?)`,
      ),
      after: db.prepare(
        `SELECT user_id, seq, event_id, name, payload, created_at FROM paysocket_events
         WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      lastSeq: db.prepare(`SELECT last_seq FROM paysocket_user_seq WHERE user_id = ?`),
    };
  }

  transaction<T>(work: (tx: StoreTransaction) => T): T {
    if (this.#active) return work(this.#active);
    const tx = new SqliteTransaction();
    this.#active = tx;
    let result: T;
    try {
      result = this.#db.transaction(() => work(tx))();
    } finally {
      this.#active = undefined;
    }
    for (const callback of tx.callbacks) callback();
    return result;
  }

  append(
    _tx: StoreTransaction,
    userId: string,
    name: PaymentEventName,
    event: UnsequencedEvent,
  ): StoredEvent {
    const now = this.#now();
    const { last_seq: seq } = this.#statements.nextSeq.get(userId) as { last_seq: number };
    const eventId = randomUUID();
    const payload = { ...event, eventId, seq } as PaymentEvent;
    this.#statements.insert.run(userId, seq, eventId, name, JSON.stringify(payload), now);
    this.#statements.prune.run(userId, seq - this.#maxEvents, now - this.#retentionMs);
    return { userId, seq, eventId, name, payload, createdAt: now };
  }

  replay(userId: string, afterSeq: number): ReplayResult {
    const lastSeq = this.lastSeq(userId);
    const rows = this.#statements.after.all(userId, afterSeq, this.#maxEvents) as EventRow[];
    const events = rows.map((row): StoredEvent => ({
      userId: row.user_id,
      seq: row.seq,
      eventId: row.event_id,
      name: row.name as PaymentEventName,
      payload: JSON.parse(row.payload) as PaymentEvent,
      createdAt: row.created_at,
    }));
    const first = events[0];
    const gap = first ? first.seq !== afterSeq + 1 : afterSeq !== lastSeq;
    return { events, lastSeq, gap };
  }

  lastSeq(userId: string): number {
    const row = this.#statements.lastSeq.get(userId) as { last_seq: number } | undefined;
    return row?.last_seq ?? 0;
  }
}
