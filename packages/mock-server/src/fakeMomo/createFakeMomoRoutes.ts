import { Hono } from 'hono';
import * as z from 'zod/mini';
import { isOriginAllowed } from '@paysocket/server';
import { ApiError } from '../ApiError';
import { readJsonBody } from '../readJsonBody';
import type { FakeMomo } from './FakeMomo';
import { formatVnd, renderPayPage, renderResultPage } from './fakeMomoPage';

const MERCHANT = 'PaySocket Wallet (demo)';
const MAX_IPN_DELAY_MS = 10 * 60 * 1000;

const ipnModeSchema = z.strictObject({
  mode: z.enum(['send', 'drop', 'twice']),
  delayMs: z.optional(
    z
      .number()
      .check(
        z.refine((value) => Number.isInteger(value) && value >= 0 && value <= MAX_IPN_DELAY_MS),
      ),
  ),
});

export interface FakeMomoRoutesOptions {
  /** Undefined in production: every route then answers 404. */
  fakeMomo: FakeMomo | undefined;
  /** Where a phone reaches the pay page (PUBLIC_URL); else the origin the create came in on. */
  publicUrl: string | undefined;
  isAllowedOrigin: (origin: string) => boolean;
}

/**
 * The fake MoMo provider under `/mock-momo`: MoMo's create and query API, the pay page at
 * the `payUrl` it returned (Pay / Decline post back here; the IPN is signed server-side, so
 * the secret never reaches a browser) and the development-only IPN delivery switch.
 */
export function createFakeMomoRoutes(options: FakeMomoRoutesOptions): Hono {
  const routes = new Hono();
  const provider = (): FakeMomo => {
    if (!options.fakeMomo)
      throw new ApiError(
        404,
        'NOT_FOUND',
        'the fake MoMo provider is off when NODE_ENV=production',
      );
    return options.fakeMomo;
  };
  routes.use(async (_c, next) => {
    provider();
    await next();
  });

  routes.post('/v2/gateway/api/create', async (c) => {
    const payBase = options.publicUrl ?? new URL(c.req.url).origin;
    const answer = provider().create(await c.req.text(), payBase);
    return c.json(answer.body, answer.status);
  });

  routes.post('/v2/gateway/api/query', async (c) => {
    const answer = provider().query(await c.req.text());
    return c.json(answer.body, answer.status);
  });

  routes.get('/pay/:orderId', (c) => {
    const payment = provider().payment(c.req.param('orderId'));
    if (!payment) throw new ApiError(404, 'NOT_FOUND', 'MoMo has no such payment');
    return c.html(renderPayPage(payment, MERCHANT));
  });

  routes.post('/pay/:orderId', async (c) => {
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    if (origin !== ownOrigin && !isOriginAllowed(origin, options.isAllowedOrigin)) {
      throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'this origin may not post here');
    }
    const type = c.req.header('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'post the form');
    }
    const action = (await c.req.parseBody()).action;
    if (action !== 'pay' && action !== 'decline')
      throw new ApiError(400, 'INVALID_ACTION', 'action must be pay or decline');
    const result = await provider().settle(c.req.param('orderId'), action);
    if (result.outcome === 'unknown')
      throw new ApiError(404, 'NOT_FOUND', 'MoMo has no such payment');
    if (result.outcome === 'not_pending')
      return c.html(renderPayPage(result.payment, MERCHANT), 409);
    const { payment, redirectTo } = result;
    return c.html(
      action === 'pay'
        ? renderResultPage(
            'Thanh toán thành công',
            `Đã thanh toán ${formatVnd(payment.amount)} cho ${MERCHANT}.`,
            redirectTo,
          )
        : renderResultPage('Đã từ chối thanh toán', 'Giao dịch đã được huỷ.', redirectTo),
    );
  });

  routes.post('/dev/ipn-mode', async (c) => {
    const parsed = ipnModeSchema.safeParse(await readJsonBody(c));
    if (!parsed.success)
      throw new ApiError(
        400,
        'INVALID_IPN_MODE',
        `send { mode: "send" | "drop" | "twice", delayMs?: integer 0-${MAX_IPN_DELAY_MS} }`,
      );
    const delivery = { mode: parsed.data.mode, delayMs: parsed.data.delayMs ?? 0 };
    provider().ipnDelivery = delivery;
    return c.json(delivery);
  });

  return routes;
}
