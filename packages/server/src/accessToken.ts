import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { HandshakeErrorCode } from '@paysocket/protocol';

/** What a verified access token says. */
export interface AccessTokenClaims {
  userId: string;
  expiresAt: Date;
  /** The token's `jti`, when it has one: what a revocation list can name it by. */
  tokenId?: string | undefined;
}

export interface SignAccessTokenOptions {
  /** Lifetime of the token. Defaults to `3600` (one hour). */
  expiresInSeconds?: number;
}

/** A token that cannot be trusted; `code` is what a refused handshake reports. */
export class AccessTokenError extends Error {
  readonly code: HandshakeErrorCode;
  constructor(code: HandshakeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AccessTokenError';
    this.code = code;
  }
}

const ALGORITHM = 'HS256';
const encoder = new TextEncoder();

/** Signs an HS256 JWT whose `sub` is the user id, with a random `jti` so it can be revoked alone. */
export async function signAccessToken(
  userId: string,
  secret: string,
  options: SignAccessTokenOptions = {},
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${options.expiresInSeconds ?? 3600}s`)
    .sign(encoder.encode(secret));
}

/**
 * Verifies an HS256 JWT (only that algorithm: `alg: none` and public-key tricks are refused)
 * and returns its user. Throws {@link AccessTokenError} with `TOKEN_EXPIRED` for an
 * expired token and `UNAUTHORIZED` for anything else.
 */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: [ALGORITHM],
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new AccessTokenError('UNAUTHORIZED', 'token has no subject');
    }
    return {
      userId: payload.sub,
      expiresAt: new Date((payload.exp ?? 0) * 1000),
      tokenId: typeof payload.jti === 'string' && payload.jti.length > 0 ? payload.jti : undefined,
    };
  } catch (error) {
    if (error instanceof AccessTokenError) throw error;
    if (error instanceof errors.JWTExpired) {
      throw new AccessTokenError('TOKEN_EXPIRED', 'token expired', { cause: error });
    }
    throw new AccessTokenError('UNAUTHORIZED', 'invalid token', { cause: error });
  }
}
