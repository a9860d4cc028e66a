import { createHash } from 'node:crypto';
import type Database from 'libsql';
import type { AccessTokenClaims } from '@paysocket/server';

/**
 * Tokens signed out before their expiry, kept in the server's SQLite database so a restart
 * does not bring them back. A token is named by its `jti`, or by a SHA-256 of the token
 * when it has none (an integrator's own tokens); rows go once the token would have expired
 * anyway, so the table holds only sessions that could still be used.
 */
export class TokenRevocations {
  readonly #sql;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS revoked_tokens (
        token_key TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS revoked_tokens_by_expiry ON revoked_tokens (expires_at);
    `);
    this.#sql = {
      revoke: db.prepare(
        `INSERT INTO revoked_tokens (token_key, expires_at) VALUES (?, ?)
         ON CONFLICT (token_key) DO UPDATE SET expires_at = MAX(expires_at, excluded.expires_at)`,
      ),
      find: db.prepare(`SELECT 1 AS found FROM revoked_tokens WHERE token_key = ?`),
      prune: db.prepare(`DELETE FROM revoked_tokens WHERE expires_at <= ?`),
      count: db.prepare(`SELECT COUNT(*) AS count FROM revoked_tokens`),
    };
    this.prune();
  }

  revoke(claims: AccessTokenClaims, token: string): void {
    this.prune();
    this.#sql.revoke.run(revocationKey(claims, token), claims.expiresAt.getTime());
  }

  isRevoked(claims: AccessTokenClaims, token: string): boolean {
    return this.#sql.find.get(revocationKey(claims, token)) !== undefined;
  }

  /** Forgets revocations of tokens that have expired by `now`. */
  prune(now = Date.now()): void {
    this.#sql.prune.run(now);
  }

  /** Revocations kept (expired ones count until the next prune). */
  size(): number {
    return (this.#sql.count.get() as { count: number }).count;
  }
}

function revocationKey(claims: AccessTokenClaims, token: string): string {
  return claims.tokenId
    ? `jti:${claims.tokenId}`
    : `sha256:${createHash('sha256').update(token).digest('hex')}`;
}
