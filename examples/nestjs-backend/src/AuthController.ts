import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ACCESS_TOKEN_COOKIE, type LoginResponse } from '@paysocket/protocol';
import type { AccessTokens } from './AccessTokens.js';
import { ApiError } from './ApiError.js';
import type { BackendConfig } from './config.js';
import type { NotificationGateway } from './NotificationGateway.js';
import { loginBodySchema, parseBody } from './requestSchemas.js';
import { SessionGuard, sessionOf, type SessionRequest } from './SessionGuard.js';
import { ACCESS_TOKENS, CONFIG, NOTIFICATION_GATEWAY } from './tokens.js';

/** The development sign-in, and the logout that revokes a token everywhere. */
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens,
    @Inject(NOTIFICATION_GATEWAY) private readonly gateway: NotificationGateway,
  ) {}

  /** Anyone may be anyone: development only. In production your own auth issues the JWTs. */
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    if (this.config.production)
      throw new ApiError(404, 'NOT_FOUND', 'the dev login is off when NODE_ENV=production');
    const { userId } = parseBody(loginBodySchema, body);
    const token = await this.tokens.sign(userId);
    response.cookie(ACCESS_TOKEN_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/',
      maxAge: this.config.tokenTtlSeconds * 1000,
    });
    return { userId, token };
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  logout(@Req() request: SessionRequest, @Res({ passthrough: true }) response: Response): void {
    const session = sessionOf(request);
    this.tokens.revoke(session.token, session.claims);
    this.gateway.disconnectUser(session.userId);
    response.clearCookie(ACCESS_TOKEN_COOKIE, { path: '/' });
  }
}
