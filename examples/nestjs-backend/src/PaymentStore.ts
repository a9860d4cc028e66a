import Database from 'libsql';
import type { TransactionStatus, TransactionType } from '@paysocket/protocol';
import type { SqliteDatabaseLike } from '@paysocket/server';

/** A transaction as stored; times are epoch milliseconds. */
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
  createdAt: number;
  updatedAt: number;
  expiresAt: number | undefined;
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
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  payment_url: string | null;
  deeplink: string | null;
  qr_code_data: string | null;
}

const COLUMNS =
  'position, id, user_id, type, status, reason, amount, new_balance, provider_transaction_id, ' +
  'message, created_at, updated_at, expires_at, payment_url, deeplink, qr_code_data';

/**
 * Wallets, transactions and revoked tokens in one SQLite file. Every method is synchronous,
 * so a caller can group several into one transaction with {@link PaymentStore.transaction}.
 * Several processes on one machine may open the same file (WAL, with a busy timeout), which
 * is how the nodes of the multi-node mode share their wallets.
 */
export class PaymentStore {
  readonly db: Database.Database & SqliteDatabaseLike;

  constructor(path: string) {
    this.db = new Database(path) as Database.Database & SqliteDatabaseLike;
    if (path !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    // Another node may hold the write lock for a moment; wait for it rather than fail.
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
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
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expires_at INTEGER,
        payment_url TEXT,
        deeplink TEXT,
        qr_code_data TEXT,
        next_check_at INTEGER,
        checks INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS transactions_by_user ON transactions (user_id, position);
      CREATE TABLE IF NOT EXISTS pending_results (order_id TEXT NOT NULL, result_code INTEGER NOT NULL,
        PRIMARY KEY (order_id, result_code));
      CREATE TABLE IF NOT EXISTS revoked_tokens (token_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
    `);
  }

  /** Runs `work` in one SQLite transaction (immediate: it takes the write lock at once). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  balance(userId: string): number {
    const row = this.db.prepare('SELECT balance FROM wallets WHERE user_id = ?').get(userId) as
      { balance: number } | undefined;
    return row?.balance ?? 0;
  }

  /** Adds `delta` (negative to debit) and returns the new balance. */
  addToBalance(userId: string, delta: number): number {
    const row = this.db
      .prepare(
        'INSERT INTO wallets (user_id, balance) VALUES (?, ?) ' +
          'ON CONFLICT (user_id) DO UPDATE SET balance = balance + excluded.balance RETURNING balance',
      )
      .get(userId, delta) as { balance: number };
    return row.balance;
  }

  insert(record: Omit<TransactionRecord, 'position'>): TransactionRecord {
    this.db
      .prepare(
        `INSERT INTO transactions (${COLUMNS.replace('position, ', '')}) ` +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.id,
        record.userId,
        record.type,
        record.status,
        record.reason ?? null,
        record.amount,
        record.newBalance ?? null,
        record.providerTransactionId ?? null,
        record.message,
        record.createdAt,
        record.updatedAt,
        record.expiresAt ?? null,
        record.paymentUrl ?? null,
        record.deeplink ?? null,
        record.qrCodeData ?? null,
      );
    return this.byId(record.id) as TransactionRecord;
  }

  byId(id: string): TransactionRecord | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM transactions WHERE id = ?`).get(id) as
      TransactionRow | undefined;
    return row && toRecord(row);
  }

  /** The user's transactions older than `before` (a position), newest first. */
  page(userId: string, before: number, limit: number): TransactionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM transactions WHERE user_id = ? AND position < ? ` +
          'ORDER BY position DESC LIMIT ?',
      )
      .all(userId, before, limit) as TransactionRow[];
    return rows.map(toRecord);
  }

  update(
    id: string,
    change: Partial<
      Pick<
        TransactionRecord,
        | 'status'
        | 'reason'
        | 'newBalance'
        | 'providerTransactionId'
        | 'message'
        | 'paymentUrl'
        | 'deeplink'
        | 'qrCodeData'
      >
    >,
    now = Date.now(),
  ): void {
    const columns: Record<string, string> = {
      status: 'status',
      reason: 'reason',
      newBalance: 'new_balance',
      providerTransactionId: 'provider_transaction_id',
      message: 'message',
      paymentUrl: 'payment_url',
      deeplink: 'deeplink',
      qrCodeData: 'qr_code_data',
    };
    const entries = Object.entries(change);
    const sets = entries.map(([key]) => `${columns[key]} = ?`);
    this.db
      .prepare(`UPDATE transactions SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`)
      .run(...entries.map(([, value]) => value ?? null), now, id);
  }

  /** Pending deposits due for a look-up at MoMo: their next check has come, or they expired. */
  dueDeposits(now: number): Array<TransactionRecord & { checks: number }> {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS}, checks FROM transactions ` +
          "WHERE type = 'deposit' AND status = 'pending' AND (next_check_at <= ? OR expires_at <= ?) " +
          'ORDER BY position',
      )
      .all(now, now) as Array<TransactionRow & { checks: number }>;
    return rows.map((row) => ({ ...toRecord(row), checks: row.checks }));
  }

  /** When to ask MoMo about a pending deposit next. */
  scheduleCheck(id: string, at: number, checks: number): void {
    this.db
      .prepare('UPDATE transactions SET next_check_at = ?, checks = ? WHERE id = ?')
      .run(at, checks, id);
  }

  /** Records a pending result code for an order; false if it was seen before. */
  firstPendingResult(orderId: string, resultCode: number): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO pending_results (order_id, result_code) VALUES (?, ?)')
      .run(orderId, resultCode) as { changes: number };
    return result.changes === 1;
  }

  revokeToken(tokenHash: string, expiresAt: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO revoked_tokens (token_hash, expires_at) VALUES (?, ?)')
      .run(tokenHash, expiresAt);
    this.db.prepare('DELETE FROM revoked_tokens WHERE expires_at < ?').run(Date.now());
  }

  isRevoked(tokenHash: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM revoked_tokens WHERE token_hash = ?').get(tokenHash) !==
      undefined
    );
  }

  close(): void {
    this.db.close();
  }
}

function toRecord(row: TransactionRow): TransactionRecord {
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at ?? undefined,
    paymentUrl: row.payment_url ?? undefined,
    deeplink: row.deeplink ?? undefined,
    qrCodeData: row.qr_code_data ?? undefined,
  };
}
