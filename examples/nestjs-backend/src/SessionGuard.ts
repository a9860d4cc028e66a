import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { parse as parseCookie } from 'cookie';
import { ACCESS_TOKEN_COOKIE } from '@paysocket/protocol';
import type { AccessTokenClaims } from '@paysocket/server';
import type { AccessTokens } from './AccessTokens.js';
import { ApiError } from './ApiError.js';
import { ACCESS_TOKENS } from './tokens.js';

/** What {@link SessionGuard} puts on an authenticated request. */
export interface Session {
  userId: string;
  token: string;
  claims: AccessTokenClaims;
}

export type SessionRequest = Request & { session?: Session };

/** The request's token: `Authorization: Bearer`, else the httpOnly `access_token` cookie. */
export function requestToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookies = request.headers.cookie;
  return cookies ? parseCookie(cookies)[ACCESS_TOKEN_COOKIE] : undefined;
}

/** REST authentication: a valid, unrevoked JWT, or 401 (`TOKEN_EXPIRED` when it merely expired). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(@Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SessionRequest>();
    const token = requestToken(request);
    if (!token) throw new ApiError(401, 'UNAUTHORIZED', 'sign in first');
    try {
      const claims = await this.tokens.verify(token);
      request.session = { userId: claims.userId, token, claims };
      return true;
    } catch (error) {
      const expired = (error as { code?: unknown }).code === 'TOKEN_EXPIRED';
      throw new ApiError(
        401,
        expired ? 'TOKEN_EXPIRED' : 'UNAUTHORIZED',
        expired ? 'the session expired' : 'invalid session',
      );
    }
  }
}

/** The session of a request that passed {@link SessionGuard}. */
export function sessionOf(request: SessionRequest): Session {
  if (!request.session) throw new ApiError(401, 'UNAUTHORIZED', 'sign in first');
  return request.session;
}
