import Database from 'libsql';
import type { TransactionStatus, TransactionType } from '@paysocket/protocol';
import { SqliteEventLog, type SqliteDatabaseLike } from '@paysocket/server';
import { TokenRevocations } from './TokenRevocations';

/** A transaction as stored. Times are epoch milliseconds. */
export interface TransactionRecord {
  position: number;
  id: string;
  userId: string;
  type: TransactionType;
  status: TransactionStatus;
  reason: string | undefined;
  amount: number;
  newBalance: number | undefined;
  providerTransactionId: string | undefined;
  message: string;
  requestId: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | undefined;
  /** Deposits: what MoMo's create answered (`payUrl`, `deeplink`, `qrCodeUrl`). */
  paymentUrl: string | undefined;
  deeplink: string | undefined;
  qrCodeData: string | undefined;
}

interface TransactionRow {
  position: number;
  id: string;
  user_id: string;
  type: TransactionType;
  status: TransactionStatus;
  reason: string | null;
  amount: number;
  new_balance: number | null;
  provider_transaction_id: string | null;
  message: string;
  request_id: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  payment_url: string | null;
  deeplink: string | null;
  qr_code_data: string | null;
}

export type NewTransaction = Pick<
  TransactionRecord,
  | 'id'
  | 'userId'
  | 'type'
  | 'amount'
  | 'message'
  | 'requestId'
  | 'createdAt'
  | 'expiresAt'
  | 'paymentUrl'
  | 'deeplink'
  | 'qrCodeData'
>;

export interface TransactionChange {
  status: TransactionStatus;
  reason?: string | undefined;
  newBalance?: number | undefined;
  providerTransactionId?: string | undefined;
  message: string;
  updatedAt: number;
}

const COLUMNS = `position, id, user_id, type, status, reason, amount, new_balance,
  provider_transaction_id, message, request_id, created_at, updated_at, expires_at,
  payment_url, deeplink, qr_code_data`;

/** Columns added after the first release, for database files made before them. */
const ADDED_COLUMNS = ['payment_url', 'deeplink', 'qr_code_data'] as const;

/**
 * The mock server's SQLite store: wallets, transactions, MoMo idempotency records, token revocations and
 * (through {@link SqliteEventLog}) the event log, all in one database so one transaction covers them.
 */
export class PaymentStore {
  readonly eventLog: SqliteEventLog;
  readonly revocations: TokenRevocations;
  readonly #db: Database.Database;
  readonly #sql;

  constructor(path: string) {
    this.#db = new Database(path);
    if (path !== ':memory:') {
      this.#db.pragma('journal_mode = WAL');
      // With WAL, NORMAL stays atomic and consistent after a crash (a commit is all or nothing);
      // only the last commits before a power loss may be lost, not half of one.
      this.#db.pragma('synchronous = NORMAL');
    }
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS wallets (user_id TEXT PRIMARY KEY, balance INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS transactions (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        amount INTEGER NOT NULL,
        new_balance INTEGER,
        provider_transaction_id TEXT,
        message TEXT NOT NULL,
        request_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expires_at INTEGER,
        payment_url TEXT,
        deeplink TEXT,
        qr_code_data TEXT
      );
      CREATE INDEX IF NOT EXISTS transactions_by_user ON transactions (user_id, position);
      CREATE INDEX IF NOT EXISTS transactions_pending ON transactions (status) WHERE status = 'pending';
      CREATE TABLE IF NOT EXISTS momo_results (
        order_id TEXT NOT NULL,
        result_key TEXT NOT NULL,
        PRIMARY KEY (order_id, result_key)
      );
    `);
    const present = new Set(
      (this.#db.prepare(`PRAGMA table_info(transactions)`).all() as Array<{ name: string }>).map(
        (column) => column.name,
      ),
    );
    for (const column of ADDED_COLUMNS) {
      if (!present.has(column)) this.#db.exec(`ALTER TABLE transactions ADD COLUMN ${column} TEXT`);
    }
    this.eventLog = new SqliteEventLog(this.#db as unknown as SqliteDatabaseLike);
    this.revocations = new TokenRevocations(this.#db);
    const db = this.#db;
    this.#sql = {
      balance: db.prepare(`SELECT balance FROM wallets WHERE user_id = ?`),
      ensureWallet: db.prepare(`INSERT OR IGNORE INTO wallets (user_id, balance) VALUES (?, 0)`),
      addToBalance: db.prepare(
        `INSERT INTO wallets (user_id, balance) VALUES (?, ?)
         ON CONFLICT (user_id) DO UPDATE SET balance = balance + excluded.balance RETURNING balance`,
      ),
      insert: db.prepare(
        `INSERT INTO transactions (id, user_id, type, status, amount, message, request_id, created_at, updated_at, expires_at,
           payment_url, deeplink, qr_code_data)
         VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM transactions WHERE id = ?`),
      page: db.prepare(
        `SELECT ${COLUMNS} FROM transactions WHERE user_id = ? AND position < ? ORDER BY position DESC LIMIT ?`,
      ),
      pending: db.prepare(
        `SELECT ${COLUMNS} FROM transactions WHERE status = 'pending' ORDER BY position`,
      ),
      cancelledByUser: db.prepare(
        `SELECT ${COLUMNS} FROM transactions
         WHERE type = 'deposit' AND status = 'cancelled' AND reason = 'user_cancelled' AND expires_at > ?
         ORDER BY position`,
      ),
      pendingWithdrawn: db.prepare(
        `SELECT COALESCE(SUM(amount), 0) AS total FROM transactions WHERE user_id = ? AND type = 'withdrawal' AND status = 'pending'`,
      ),
      update: db.prepare(
        `UPDATE transactions SET status = ?, reason = ?, new_balance = COALESCE(?, new_balance),
           provider_transaction_id = COALESCE(?, provider_transaction_id), message = ?, updated_at = ?
         WHERE id = ?`,
      ),
      touch: db.prepare(`UPDATE transactions SET message = ?, updated_at = ? WHERE id = ?`),
      hasResult: db.prepare(
        `SELECT 1 AS found FROM momo_results WHERE order_id = ? AND result_key = ?`,
      ),
      addResult: db.prepare(
        `INSERT OR IGNORE INTO momo_results (order_id, result_key) VALUES (?, ?)`,
      ),
      counts: db.prepare(
        `SELECT type, status, COUNT(*) AS count FROM transactions GROUP BY type, status`,
      ),
    };
  }

  balance(userId: string): number {
    const row = this.#sql.balance.get(userId) as { balance: number } | undefined;
    return row?.balance ?? 0;
  }

  ensureWallet(userId: string): void {
    this.#sql.ensureWallet.run(userId);
  }

  /** Adds `delta` (negative to debit) and returns the new balance. */
  addToBalance(userId: string, delta: number): number {
    return (this.#sql.addToBalance.get(userId, delta) as { balance: number }).balance;
  }

  /** Sum of the user's withdrawals still pending (money already promised). */
  pendingWithdrawals(userId: string): number {
    return (this.#sql.pendingWithdrawn.get(userId) as { total: number }).total;
  }

  insert(record: NewTransaction): TransactionRecord {
    this.#sql.insert.run(
      record.id,
      record.userId,
      record.type,
      record.amount,
      record.message,
      record.requestId,
      record.createdAt,
      record.createdAt,
      record.expiresAt ?? null,
      record.paymentUrl ?? null,
      record.deeplink ?? null,
      record.qrCodeData ?? null,
    );
    return this.get(record.id) as TransactionRecord;
  }

  get(id: string): TransactionRecord | undefined {
    const row = this.#sql.byId.get(id) as TransactionRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The user's transactions older than `beforePosition`, newest first. */
  page(userId: string, beforePosition: number, limit: number): TransactionRecord[] {
    return (this.#sql.page.all(userId, beforePosition, limit) as TransactionRow[]).map(fromRow);
  }

  pending(): TransactionRecord[] {
    return (this.#sql.pending.all() as TransactionRow[]).map(fromRow);
  }

  /** Deposits the user cancelled whose expiry is still after `now`. */
  cancelledByUser(now: number): TransactionRecord[] {
    return (this.#sql.cancelledByUser.all(now) as TransactionRow[]).map(fromRow);
  }

  update(id: string, change: TransactionChange): TransactionRecord {
    this.#sql.update.run(
      change.status,
      change.reason ?? null,
      change.newBalance ?? null,
      change.providerTransactionId ?? null,
      change.message,
      change.updatedAt,
      id,
    );
    return this.get(id) as TransactionRecord;
  }

  touch(id: string, message: string, updatedAt: number): void {
    this.#sql.touch.run(message, updatedAt, id);
  }

  hasResult(orderId: string, key: string): boolean {
    return this.#sql.hasResult.get(orderId, key) !== undefined;
  }

  addResult(orderId: string, key: string): void {
    this.#sql.addResult.run(orderId, key);
  }

  /** Number of transactions per `type:status`. */
  counts(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const row of this.#sql.counts.all() as Array<{
      type: string;
      status: string;
      count: number;
    }>) {
      result[`${row.type}:${row.status}`] = row.count;
    }
    return result;
  }

  close(): void {
    this.#db.close();
  }
}

function fromRow(row: TransactionRow): TransactionRecord {
  return {
    position: row.position,
    id: row.id,
    userId: row.user_id,
    type: row.type,
    status: row.status,
    reason: row.reason ?? undefined,
    amount: row.amount,
    newBalance: row.new_balance ?? undefined,
    providerTransactionId: row.provider_transaction_id ?? undefined,
    message: row.message,
    requestId: row.request_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at ?? undefined,
    paymentUrl: row.payment_url ?? undefined,
    deeplink: row.deeplink ?? undefined,
    qrCodeData: row.qr_code_data ?? undefined,
  };
}
