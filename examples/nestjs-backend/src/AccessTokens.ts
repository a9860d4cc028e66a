import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AccessTokenError,
  signAccessToken,
  verifyAccessToken,
  type AccessTokenClaims,
} from '@paysocket/server';
import type { BackendConfig } from './config.js';
import type { PaymentStore } from './PaymentStore.js';
import type { ServerAddress } from './ServerAddress.js';
import { CONFIG, PAYMENT_STORE, SERVER_ADDRESS } from './tokens.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Who may talk to the backend: the JWTs of REST and sockets alike (refused once revoked by
 * a logout, on every node, across restarts: the revocation is in the shared store) and the
 * browser origins allowed to use them.
 */
@Injectable()
export class AccessTokens {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(PAYMENT_STORE) private readonly store: PaymentStore,
    @Inject(SERVER_ADDRESS) private readonly address: ServerAddress,
  ) {}

  sign(userId: string): Promise<string> {
    return signAccessToken(userId, this.config.jwtSecret, {
      expiresInSeconds: this.config.tokenTtlSeconds,
    });
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const claims = await verifyAccessToken(token, this.config.jwtSecret);
    if (this.store.isRevoked(hash(token)))
      throw new AccessTokenError('UNAUTHORIZED', 'token revoked');
    return claims;
  }

  revoke(token: string, claims: AccessTokenClaims): void {
    this.store.revokeToken(hash(token), claims.expiresAt.getTime());
  }

  /** Exact match against ALLOWED_ORIGINS, PUBLIC_URL and, outside production, this server's own origins. */
  readonly isAllowedOrigin = (origin: string): boolean => {
    const { allowedOrigins, publicUrl, production } = this.config;
    if (allowedOrigins.includes(origin) || origin === publicUrl) return true;
    const { port } = this.address;
    if (production || port === 0) return false;
    return origin === `http://localhost:${port}` || origin === `http://127.0.0.1:${port}`;
  };
}
