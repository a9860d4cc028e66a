import { parse as parseCookie } from 'cookie';
import type { Socket } from 'socket.io';
import {
  ACCESS_TOKEN_COOKIE,
  HANDSHAKE_ERROR_MESSAGE,
  type HandshakeErrorCode,
  type HandshakeErrorData,
} from '@paysocket/protocol';
import { AccessTokenError, type AccessTokenClaims } from './accessToken';

/** What the middleware stores in `socket.data`: the user the room is derived from. */
export interface AuthenticatedSocketData {
  userId: string;
}

export interface SocketAuthOptions {
  /** Checks a token and returns its user; throw {@link AccessTokenError} to refuse it. */
  verifyToken: (token: string) => Promise<AccessTokenClaims>;
  /**
   * Whether a verified token was revoked (logout, a stolen session): such a handshake is
   * refused with `data.code` `TOKEN_REVOKED`. A hook that throws or rejects refuses the
   * handshake too (`UNAUTHORIZED`): an unknown answer never lets a token through.
   */
  isRevoked?: (claims: AccessTokenClaims, token: string) => boolean | Promise<boolean>;
}

/** The error a refused handshake fails with: message `UNAUTHORIZED`, `data.code` set. */
export function handshakeError(code: HandshakeErrorCode): Error & { data: HandshakeErrorData } {
  return Object.assign(new Error(HANDSHAKE_ERROR_MESSAGE), { data: { code } });
}

/** The token of a handshake: `auth.token` when given, else the `access_token` cookie. */
export function handshakeToken(socket: Pick<Socket, 'handshake'>): string | undefined {
  const auth: unknown = socket.handshake.auth;
  if (auth && typeof auth === 'object' && 'token' in auth && typeof auth.token === 'string') {
    return auth.token;
  }
  const header = socket.handshake.headers.cookie;
  return header ? parseCookie(header)[ACCESS_TOKEN_COOKIE] : undefined;
}

/**
 * Socket.IO middleware that authenticates each handshake from its JWT and puts the user
 * in `socket.data.userId`; nothing the client sends can name another user.
 */
export function createSocketAuthMiddleware(options: SocketAuthOptions) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    const token = handshakeToken(socket);
    if (!token) {
      next(handshakeError('UNAUTHORIZED'));
      return;
    }
    authenticate(token, options).then(
      (claims) => {
        (socket.data as AuthenticatedSocketData).userId = claims.userId;
        next();
      },
      (error: unknown) => {
        next(handshakeError(error instanceof AccessTokenError ? error.code : 'UNAUTHORIZED'));
      },
    );
  };
}

async function authenticate(token: string, options: SocketAuthOptions): Promise<AccessTokenClaims> {
  const claims = await options.verifyToken(token);
  if (options.isRevoked && (await options.isRevoked(claims, token))) {
    throw new AccessTokenError('TOKEN_REVOKED', 'token revoked');
  }
  return claims;
}
