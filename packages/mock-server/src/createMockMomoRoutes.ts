import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { API_PATHS } from '@paysocket/protocol';
import { isOriginAllowed, signMomoIpn, type MomoIpnSignedValues } from '@paysocket/server';
import { ApiError } from './ApiError';
import type { AppContext } from './createApp';
import { formatVnd, renderPayPage, renderResultPage } from './mockMomoPage';

const MERCHANT = 'PaySocket Wallet (demo)';

/**
 * The fake MoMo app: a confirm page for a deposit whose Pay / Decline post back here; the
 * server then signs an IPN with the secret key (which never reaches the browser) and posts
 * it to its own callback over HTTP, exactly as MoMo would.
 */
export function createMockMomoRoutes(ctx: AppContext): Hono {
  const routes = new Hono();
  routes.use(async (_c, next) => {
    if (ctx.config.production)
      throw new ApiError(
        403,
        'DISABLED_IN_PRODUCTION',
        'the fake MoMo app is off when NODE_ENV=production',
      );
    await next();
  });

  routes.get('/pay/:orderId', (c) => {
    const record = ctx.service.findDeposit(c.req.param('orderId') ?? '');
    return c.html(renderPayPage(record, MERCHANT));
  });

  routes.post('/pay/:orderId', async (c) => {
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    if (origin !== ownOrigin && !isOriginAllowed(origin, ctx.isAllowedOrigin)) {
      throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'this origin may not post here');
    }
    const type = c.req.header('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'post the form');
    }
    const action = (await c.req.parseBody()).action;
    if (action !== 'pay' && action !== 'decline')
      throw new ApiError(400, 'INVALID_ACTION', 'action must be pay or decline');
    const record = ctx.service.findDeposit(c.req.param('orderId') ?? '');
    const pay = action === 'pay';
    const values: MomoIpnSignedValues = {
      partnerCode: ctx.config.momo.partnerCode,
      orderId: record.id,
      requestId: record.requestId,
      amount: record.amount,
      orderInfo: `Nạp ${formatVnd(record.amount)} vào ví PaySocket`,
      orderType: 'momo_wallet',
      transId: randomInt(1_000_000_000, 9_999_999_999),
      resultCode: pay ? 0 : 1006,
      message: pay ? 'Thành công.' : 'Giao dịch bị từ chối bởi người dùng.',
      payType: 'qr',
      responseTime: Date.now(),
      extraData: '',
    };
    const response = await fetch(`${ctx.selfUrl()}${API_PATHS.momoCallback}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...values, signature: signMomoIpn(values, ctx.config.momo) }),
    });
    if (response.status === 204) {
      return c.html(
        pay
          ? renderResultPage(
              'Thanh toán thành công',
              `Đã thanh toán ${formatVnd(record.amount)} cho ${MERCHANT}.`,
            )
          : renderResultPage('Đã từ chối thanh toán', 'Giao dịch đã được huỷ.'),
      );
    }
    const detail = await response.text();
    return c.html(renderResultPage('Không thể thanh toán', detail), 409);
  });
  return routes;
}
