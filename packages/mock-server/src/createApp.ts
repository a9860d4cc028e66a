import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import type { Server } from 'socket.io';
import {
  ACCESS_TOKEN_COOKIE,
  API_PATHS,
  MOMO_MAX_AMOUNT,
  MOMO_MIN_AMOUNT,
  depositRequestSchema,
  loginRequestSchema,
  withdrawRequestSchema,
  type ErrorBody,
} from '@paysocket/protocol';
import {
  AccessTokenError,
  isOriginAllowed,
  parseMomoIpn,
  signAccessToken,
  verifyAccessToken,
  verifyMomoIpnSignature,
  type AccessTokenClaims,
  type MomoIpn,
  type PaymentNotifier,
} from '@paysocket/server';
import { ApiError } from './ApiError';
import { constantTimeEqual } from './constantTimeEqual';
import { PaymentError, type PaymentErrorKind } from './PaymentError';
import type { MockServerConfig } from './config';
import { createFakeMomoRoutes } from './fakeMomo/createFakeMomoRoutes';
import type { FakeMomo } from './fakeMomo/FakeMomo';
import type { PaymentService } from './PaymentService';
import { parseRequestBody, type FieldRefusal } from './parseRequestBody';
import { readJsonBody } from './readJsonBody';
import { toSnapshot } from './toSnapshot';
import type { TokenRevocations } from './TokenRevocations';

/** What the HTTP routes work with. */
export interface AppContext {
  config: MockServerConfig;
  service: PaymentService;
  notifier: PaymentNotifier;
  io: Server;
  /** Tokens signed out before their expiry: refused by REST and sockets alike. */
  revocations: TokenRevocations;
  /** MoMo's side for the demo; undefined in production. */
  fakeMomo: FakeMomo | undefined;
  /** The allowlist of DESIGN.md: configured origins, plus the server's own in development. */
  isAllowedOrigin: (origin: string) => boolean;
  /** Where the server itself can be reached over HTTP. */
  selfUrl: () => string;
  startedAt: number;
}

type Env = { Variables: { userId: string } };

const PAYMENT_ERROR_STATUS: Record<PaymentErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  provider: 502,
};

const INVALID_AMOUNT: FieldRefusal = {
  code: 'INVALID_AMOUNT',
  message: `amount must be an integer VND from ${MOMO_MIN_AMOUNT} to ${MOMO_MAX_AMOUNT}`,
};

/** The REST API, `/metrics` and the fake MoMo page on one Hono app. */
export function createApp(ctx: AppContext): Hono<Env> {
  const { config, service, notifier, io } = ctx;
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof PaymentError)
      return errorResponse(
        c,
        new ApiError(PAYMENT_ERROR_STATUS[error.kind], error.code, error.message),
      );
    console.error(error);
    return errorResponse(c, new ApiError(500, 'INTERNAL', 'internal error'));
  });
  app.notFound((c) =>
    errorResponse(c, new ApiError(404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`)),
  );

  app.use(
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: (c) => {
        // The rest of the body is still on the socket: a kept-alive connection would read it
        // as the next request. Node closes the connection once this answer is written.
        c.header('Connection', 'close');
        return errorResponse(
          c,
          new ApiError(
            413,
            'PAYLOAD_TOO_LARGE',
            `bodies are limited to ${config.maxBodyBytes} bytes`,
          ),
        );
      },
    }),
  );
  const apiCors = cors({
    origin: (origin) => (ctx.isAllowedOrigin(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization'],
    maxAge: 600,
  });
  const refuseForeignOrigins = async (c: Context, next: () => Promise<void>) => {
    if (!isOriginAllowed(c.req.header('origin'), ctx.isAllowedOrigin)) {
      throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'this origin may not call the API');
    }
    await next();
  };
  for (const path of ['/api/*', API_PATHS.metrics]) app.use(path, apiCors, refuseForeignOrigins);

  const authenticate = async (c: Context<Env>, next: () => Promise<void>) => {
    const token = requestToken(c);
    if (!token)
      throw new ApiError(
        401,
        'UNAUTHORIZED',
        'sign in first (cookie access_token or Authorization: Bearer)',
      );
    let claims: AccessTokenClaims;
    try {
      claims = await verifyAccessToken(token, config.jwtSecret);
    } catch (error) {
      const code = error instanceof AccessTokenError ? error.code : 'UNAUTHORIZED';
      throw new ApiError(
        401,
        code,
        code === 'TOKEN_EXPIRED' ? 'the token has expired' : 'invalid token',
      );
    }
    if (ctx.revocations.isRevoked(claims, token)) {
      throw new ApiError(401, 'TOKEN_REVOKED', 'this token was signed out');
    }
    c.set('userId', claims.userId);
    await next();
  };
  const devOnly = async (_c: Context, next: () => Promise<void>) => {
    if (config.production)
      throw new ApiError(403, 'DISABLED_IN_PRODUCTION', 'not available when NODE_ENV=production');
    await next();
  };

  app.post(API_PATHS.login, devOnly, async (c) => {
    const { userId } = parseRequestBody(loginRequestSchema, await readJsonBody(c), {
      userId: {
        code: 'INVALID_USER_ID',
        message: 'userId must be 1-64 letters, digits or _ . @ -',
      },
    });
    const token = await signAccessToken(userId, config.jwtSecret, {
      expiresInSeconds: config.tokenTtlSeconds,
    });
    setCookie(c, ACCESS_TOKEN_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: config.tokenTtlSeconds,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({ userId, token });
  });

  app.post(API_PATHS.logout, async (c) => {
    const token = requestToken(c);
    deleteCookie(c, ACCESS_TOKEN_COOKIE, { path: '/' });
    if (token) {
      // An invalid or expired token needs no revoking: it is refused already.
      const claims = await verifyAccessToken(token, config.jwtSecret).catch(() => undefined);
      if (claims) {
        ctx.revocations.revoke(claims, token);
        notifier.disconnectUser(claims.userId);
      }
    }
    return c.body(null, 204);
  });

  app.get(API_PATHS.wallet, authenticate, (c) => {
    const userId = c.get('userId');
    return c.json({ userId, balance: service.wallet(userId), currency: 'VND' as const });
  });

  app.post(API_PATHS.deposit, authenticate, async (c) => {
    const { amount } = parseRequestBody(depositRequestSchema, await readJsonBody(c), {
      provider: { code: 'INVALID_PROVIDER', message: 'provider must be "momo"' },
      amount: INVALID_AMOUNT,
    });
    const record = await service.createDeposit(c.get('userId'), amount);
    return c.json(toSnapshot(record), 201);
  });

  app.post(route(API_PATHS.cancelDeposit), authenticate, (c) => {
    const record = service.cancelDeposit(c.get('userId'), c.req.param('id') ?? '');
    return c.json(toSnapshot(record));
  });

  app.post(API_PATHS.momoCallback, async (c) => {
    let ipn: MomoIpn;
    try {
      const parsed = parseMomoIpn(await readJsonBody(c));
      if (!parsed.ok) throw new ApiError(400, 'INVALID_IPN', parsed.message);
      if (!verifyMomoIpnSignature(parsed.ipn, parsed.ipn.signature, config.momo)) {
        throw new ApiError(401, 'INVALID_SIGNATURE', 'the IPN signature does not match');
      }
      ipn = parsed.ipn;
    } catch (error) {
      service.countRefusedIpn();
      throw error;
    }
    service.applyMomoIpn(ipn);
    return c.body(null, 204);
  });

  app.post(API_PATHS.confirmDeposit, devOnly, authenticate, async (c) => {
    const { transactionId } = await readJsonBody(c);
    if (typeof transactionId !== 'string')
      throw new ApiError(400, 'INVALID_BODY', 'transactionId must be a string');
    const record = service.owned(c.get('userId'), transactionId);
    if (record.type !== 'deposit') throw new ApiError(404, 'NOT_FOUND', 'no such deposit');
    service.applyMomoResult(record.id, 0, `MOCK${Date.now()}`, 'Thành công.');
    return c.json(toSnapshot(service.owned(c.get('userId'), transactionId)));
  });

  app.post(API_PATHS.withdraw, authenticate, async (c) => {
    const { amount } = parseRequestBody(withdrawRequestSchema, await readJsonBody(c), {
      amount: INVALID_AMOUNT,
    });
    const record = service.createWithdrawal(c.get('userId'), amount);
    return c.json(toSnapshot(record), 201);
  });

  app.get(route(API_PATHS.transaction), authenticate, (c) => {
    return c.json(toSnapshot(service.owned(c.get('userId'), c.req.param('id') ?? '')));
  });

  app.get(API_PATHS.transactions, authenticate, (c) => {
    const limitText = c.req.query('limit') ?? '20';
    const cursorText = c.req.query('cursor');
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) {
      throw new ApiError(400, 'INVALID_LIMIT', 'limit must be an integer from 1 to 100');
    }
    if (cursorText !== undefined && !/^\d{1,15}$/.test(cursorText)) {
      throw new ApiError(400, 'INVALID_CURSOR', 'cursor must be a value of nextCursor');
    }
    const records = service.history(
      c.get('userId'),
      cursorText === undefined ? Number.MAX_SAFE_INTEGER : Number(cursorText),
      limit + 1,
    );
    const page = records.slice(0, limit);
    const last = page[page.length - 1];
    const now = Date.now();
    return c.json({
      items: page.map((record) => toSnapshot(record, now)),
      nextCursor: records.length > limit && last ? String(last.position) : null,
    });
  });

  const metricsAccess = async (c: Context, next: () => Promise<void>) => {
    const expected = config.metricsToken;
    if (expected === undefined) {
      // Unprotected counters would tell anyone the load and the payment volume.
      if (config.production) throw new ApiError(404, 'NOT_FOUND', `no route GET ${c.req.path}`);
    } else {
      const bearer = bearerToken(c);
      if (bearer === undefined || !constantTimeEqual(bearer, expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new ApiError(401, 'UNAUTHORIZED', 'send Authorization: Bearer <METRICS_TOKEN>');
      }
    }
    await next();
  };

  app.get(API_PATHS.metrics, metricsAccess, (c) => {
    const namespace = io.of('/');
    let roomCount = 0;
    for (const room of namespace.adapter.rooms.keys()) if (room.startsWith('user:')) roomCount += 1;
    return c.json({
      activeConnections: namespace.sockets.size,
      ...notifier.getMetrics(),
      roomCount,
      ...service.getMetrics(),
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 1000),
      memoryRssBytes: process.memoryUsage().rss,
    });
  });

  app.route(
    '/mock-momo',
    createFakeMomoRoutes({
      fakeMomo: ctx.fakeMomo,
      publicUrl: config.publicUrl,
      isAllowedOrigin: ctx.isAllowedOrigin,
    }),
  );
  return app;
}

/** The route pattern of a path builder of `API_PATHS`: its path for the id `:id`. */
function route(path: (id: string) => string): string {
  return decodeURIComponent(path(':id'));
}

function bearerToken(c: Context): string | undefined {
  return c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/** The request's access token: `Authorization: Bearer`, else the `access_token` cookie. */
function requestToken(c: Context): string | undefined {
  return bearerToken(c) ?? getCookie(c, ACCESS_TOKEN_COOKIE);
}

function errorResponse(c: Context, error: ApiError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return c.json(body, error.status);
}
