import { http, HttpResponse, type HttpHandler } from 'msw';
import { ACCESS_TOKEN_COOKIE, API_PATHS, type ErrorBody } from '@paysocket/protocol';
import { LedgerError, type LedgerErrorCode } from './LedgerError';
import type { PaymentLedger } from './PaymentLedger';

export interface RestContext {
  /** Absolute base of the API, e.g. `http://api.test`. */
  base: string;
  ledger: () => PaymentLedger;
  /** The user a credential belongs to, or undefined when it was revoked. */
  identify: (token: string | undefined) => string | undefined;
  issueToken: (userId: string) => string;
  /** Refuses the token from now on and disconnects its user's sockets (logout). */
  revokeToken: (token: string) => void;
}

const USER_ID_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

const STATUS_OF: Record<LedgerErrorCode, number> = {
  INVALID_AMOUNT: 400,
  INSUFFICIENT_FUNDS: 409,
  NOT_FOUND: 404,
  NOT_PENDING: 409,
  CONFLICTING_RESULT: 409,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function errorResponse(status: number, code: string, message: string) {
  const body: ErrorBody = { error: { code, message } };
  return HttpResponse.json(body, { status });
}

/** Runs a route; refusals become the reference server's `{ error: { code, message } }`. */
function route(run: () => Promise<Response> | Response): Promise<Response> {
  return Promise.resolve()
    .then(run)
    .catch((error: unknown) => {
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof LedgerError) {
        return errorResponse(STATUS_OF[error.code], error.code, error.message);
      }
      throw error;
    });
}

async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw new HttpError(400, 'MALFORMED_JSON', 'the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'INVALID_BODY', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function credential(request: Request, cookies: Record<string, string>): string | undefined {
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookies[ACCESS_TOKEN_COOKIE];
}

/** The reference server's REST API (DESIGN's paths, bodies and refusals) over the ledger. */
export function createRestHandlers(ctx: RestContext): HttpHandler[] {
  const { base } = ctx;
  const user = (request: Request, cookies: Record<string, string>) => {
    const userId = ctx.identify(credential(request, cookies));
    if (userId === undefined) throw new HttpError(401, 'UNAUTHORIZED', 'invalid token');
    return userId;
  };

  return [
    http.post(base + API_PATHS.login, ({ request }) =>
      route(async () => {
        const { userId } = await readJsonBody(request);
        if (typeof userId !== 'string' || !USER_ID_PATTERN.test(userId)) {
          throw new HttpError(
            400,
            'INVALID_USER_ID',
            'userId must be 1-64 letters, digits or _ . @ -',
          );
        }
        const token = ctx.issueToken(userId);
        return HttpResponse.json(
          { userId, token },
          {
            headers: {
              'set-cookie': `${ACCESS_TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`,
            },
          },
        );
      }),
    ),
    http.post(base + API_PATHS.logout, ({ request, cookies }) =>
      route(() => {
        const token = credential(request, cookies);
        if (token !== undefined) ctx.revokeToken(token);
        return new HttpResponse(null, {
          status: 204,
          headers: { 'set-cookie': `${ACCESS_TOKEN_COOKIE}=; Path=/; Max-Age=0` },
        });
      }),
    ),
    http.get(base + API_PATHS.wallet, ({ request, cookies }) =>
      route(() => {
        const userId = user(request, cookies);
        return HttpResponse.json({
          userId,
          balance: ctx.ledger().balance(userId),
          currency: 'VND' as const,
        });
      }),
    ),
    http.post(base + API_PATHS.deposit, ({ request, cookies }) =>
      route(async () => {
        const userId = user(request, cookies);
        const body = await readJsonBody(request);
        if (body.provider !== 'momo') {
          throw new HttpError(400, 'INVALID_PROVIDER', 'provider must be "momo"');
        }
        return HttpResponse.json(ctx.ledger().createDeposit(userId, body.amount), {
          status: 201,
        });
      }),
    ),
    http.post(`${base}${API_PATHS.deposit}/:id/cancel`, ({ request, cookies, params }) =>
      route(() => {
        const userId = user(request, cookies);
        return HttpResponse.json(ctx.ledger().cancelByOwner(userId, String(params.id)));
      }),
    ),
    http.post(base + API_PATHS.confirmDeposit, ({ request, cookies }) =>
      route(async () => {
        const userId = user(request, cookies);
        const { transactionId } = await readJsonBody(request);
        if (typeof transactionId !== 'string') {
          throw new HttpError(400, 'INVALID_BODY', 'transactionId must be a string');
        }
        const ledger = ctx.ledger();
        ledger.owned(userId, transactionId);
        ledger.completeDeposit(transactionId, `MOCK${Date.now()}`);
        return HttpResponse.json(ledger.owned(userId, transactionId));
      }),
    ),
    http.post(base + API_PATHS.withdraw, ({ request, cookies }) =>
      route(async () => {
        const userId = user(request, cookies);
        const { amount } = await readJsonBody(request);
        return HttpResponse.json(ctx.ledger().createWithdrawal(userId, amount), { status: 201 });
      }),
    ),
    http.get(`${base}${API_PATHS.transactions}/:id`, ({ request, cookies, params }) =>
      route(() => {
        const userId = user(request, cookies);
        return HttpResponse.json(ctx.ledger().owned(userId, String(params.id)));
      }),
    ),
    http.get(base + API_PATHS.transactions, ({ request, cookies }) =>
      route(() => {
        const userId = user(request, cookies);
        const query = new URL(request.url).searchParams;
        const limitText = query.get('limit') ?? '20';
        const cursorText = query.get('cursor');
        const limit = Number(limitText);
        if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) {
          throw new HttpError(400, 'INVALID_LIMIT', 'limit must be an integer from 1 to 100');
        }
        if (cursorText !== null && !/^\d{1,15}$/.test(cursorText)) {
          throw new HttpError(400, 'INVALID_CURSOR', 'cursor must be a value of nextCursor');
        }
        const cursor = cursorText === null ? undefined : Number(cursorText);
        return HttpResponse.json(ctx.ledger().history(userId, limit, cursor));
      }),
    ),
  ];
}
