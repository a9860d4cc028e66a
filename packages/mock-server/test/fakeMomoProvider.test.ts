import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMomoClient,
  signMomoCreateRequest,
  signMomoQueryRequest,
  type MomoClient,
} from '@paysocket/server';
import {
  api,
  connectClient,
  createDeposit,
  login,
  signedIpn,
  postIpn,
  startTestServer,
  type TestServer,
} from './testServer';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

/** The merchant's MoMo client pointed at the server's own fake provider, over HTTP. */
function momoOf(server: TestServer, keys: Partial<TestServer['server']['config']['momo']> = {}) {
  return createMomoClient({
    endpoint: `${server.url}/mock-momo`,
    ...server.server.config.momo,
    ...keys,
  });
}

function postForm(url: string, path: string, action: string) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ action }).toString(),
  });
}

async function pay(url: string, orderId: string, action: 'pay' | 'decline' = 'pay') {
  const response = await postForm(url, `/mock-momo/pay/${orderId}`, action);
  return { status: response.status, html: await response.text() };
}

const setIpnMode = (url: string, body: unknown) =>
  api(url, 'POST', '/mock-momo/dev/ipn-mode', { body });

async function balance(url: string, token: string): Promise<number> {
  return (await api(url, 'GET', '/api/v1/wallet', { token })).body.balance;
}

async function metrics(url: string) {
  return (await api(url, 'GET', '/metrics')).body;
}

/** A create request as a merchant would send it, signed with `secretKey`. */
function createBody(
  server: TestServer,
  orderId: string,
  overrides: Record<string, unknown> = {},
  secretKey = server.server.config.momo.secretKey,
) {
  const { partnerCode, accessKey } = server.server.config.momo;
  const values = {
    partnerCode,
    requestId: `req-${orderId}`,
    amount: 20_000,
    orderId,
    orderInfo: 'Nạp 20.000 ₫',
    redirectUrl: 'http://127.0.0.1:1/return',
    ipnUrl: `${server.url}/api/v1/payment/momo/callback`,
    requestType: 'captureWallet',
    extraData: '',
    lang: 'vi',
    ...overrides,
  };
  return {
    ...values,
    signature: signMomoCreateRequest(values as never, { accessKey, secretKey }),
  };
}

function postMomo(url: string, which: 'create' | 'query', body: unknown, rawBody?: string) {
  return api(url, 'POST', `/mock-momo/v2/gateway/api/${which}`, {
    ...(rawBody === undefined
      ? { body }
      : { rawBody, headers: { 'content-type': 'application/json' } }),
  });
}

describe('fake MoMo provider: the backend creates deposits over HTTP', { timeout: 30_000 }, () => {
  it('creates at the provider, which keeps its own record and answers queries by orderId', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token, 30_000);
    const record = t.server.fakeMomo?.payment(deposit.transactionId);
    expect(record).toMatchObject({
      amount: 30_000,
      resultCode: 1000,
      ipnUrl: `${t.url}/api/v1/payment/momo/callback`,
      redirectUrl: `${t.url}/`,
      partnerCode: t.server.config.momo.partnerCode,
    });
    // The snapshot's links are the provider's answer, not made up by the merchant.
    expect(deposit).toMatchObject({
      paymentUrl: record?.payUrl,
      deeplink: record?.deeplink,
      qrCodeData: record?.qrCodeUrl,
    });

    const momo = momoOf(t);
    const first = await momo.queryPayment({ orderId: deposit.transactionId, requestId: 'q-1' });
    expect(first).toMatchObject({ resultCode: 1000, requestId: 'q-1', amount: 30_000, transId: 0 });
    expect((await pay(t.url, deposit.transactionId)).status).toBe(200);
    const second = await momo.queryPayment({ orderId: deposit.transactionId, requestId: 'q-2' });
    expect(second).toMatchObject({ resultCode: 0, requestId: 'q-2', payType: 'qr' });
    expect(second.transId).toBeGreaterThan(0);
    const snapshot = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      {
        token,
      },
    );
    expect(snapshot.body).toMatchObject({
      status: 'completed',
      providerTransactionId: String(second.transId),
    });
  });

  it('pay -> one signed IPN -> credited once; the pay page then shows it paid', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    const deposit = await createDeposit(t.url, token, 40_000);
    const paid = await pay(t.url, deposit.transactionId);
    expect(paid.html).toContain('Thanh toán thành công');
    // MoMo's way back to the merchant carries the IPN's fields and signature.
    expect(paid.html).toMatch(
      /href="http:\/\/127\.0\.0\.1:\d+\/\?partnerCode=[^"]*signature=[0-9a-f]{64}"/,
    );
    await recorder.waitFor('deposit_completed:v1');
    expect(await balance(t.url, token)).toBe(40_000);
    expect(await metrics(t.url)).toMatchObject({ ipnReceived: 1, ipnApplied: 1, ipnRejected: 0 });
    const again = await pay(t.url, deposit.transactionId);
    expect(again.status).toBe(409);
    expect(again.html).toContain('Giao dịch đã được thanh toán');
    expect(await balance(t.url, token)).toBe(40_000);
  });

  it('ipn-mode twice: two IPNs, one credit, one deposit_completed:v1', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    expect((await setIpnMode(t.url, { mode: 'twice' })).body).toEqual({
      mode: 'twice',
      delayMs: 0,
    });
    const deposit = await createDeposit(t.url, token, 25_000);
    await pay(t.url, deposit.transactionId);
    await recorder.waitFor('deposit_completed:v1');
    expect(await metrics(t.url)).toMatchObject({ ipnReceived: 2, ipnApplied: 1, ipnDuplicates: 1 });
    expect(await balance(t.url, token)).toBe(25_000);
    // A round trip on the same socket: anything else emitted for the deposit would have arrived.
    await api(t.url, 'POST', '/api/v1/payment/withdraw', { token, body: { amount: 1_000 } });
    await recorder.waitFor('payment_status_update:v1', (p) => p.transactionType === 'withdrawal');
    expect(recorder.named('deposit_completed:v1')).toHaveLength(1);
  });

  it('ipn-mode drop: the provider says paid, the merchant hears nothing and credits nothing', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    await setIpnMode(t.url, { mode: 'drop' });
    const deposit = await createDeposit(t.url, token, 25_000);
    expect((await pay(t.url, deposit.transactionId)).html).toContain('Thanh toán thành công');
    const query = await momoOf(t).queryPayment({ orderId: deposit.transactionId, requestId: 'q' });
    expect(query.resultCode).toBe(0);
    expect(await metrics(t.url)).toMatchObject({ ipnReceived: 0 });
    expect(await balance(t.url, token)).toBe(0);
    const snapshot = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      {
        token,
      },
    );
    expect(snapshot.body.status).toBe('pending');
  });

  it('ipn-mode with a delay: the page answers first, the IPN follows; decline sends 1006', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    await setIpnMode(t.url, { mode: 'send', delayMs: 300 });
    const deposit = await createDeposit(t.url, token, 10_000);
    await pay(t.url, deposit.transactionId, 'decline');
    expect((await metrics(t.url)).ipnReceived).toBe(0);
    const event = await recorder.waitFor(
      'payment_status_update:v1',
      (p) => p.status === 'cancelled',
    );
    expect(event).toMatchObject({
      transactionId: deposit.transactionId,
      metadata: { reason: 'declined' },
    });
    const query = await momoOf(t).queryPayment({ orderId: deposit.transactionId, requestId: 'q' });
    expect(query.resultCode).toBe(1006);
  });

  it('validates ipn-mode and changes nothing on bad input', async () => {
    t = await startTestServer();
    for (const body of [
      { mode: 'lose' },
      { mode: 'send', delayMs: -1 },
      { mode: 'send', delayMs: 1.5 },
      { mode: 'send', delayMs: 600_001 },
      { mode: 'send', extra: true },
      {},
    ]) {
      const result = await setIpnMode(t.url, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'INVALID_IPN_MODE' } });
    }
    const notJson = await api(t.url, 'POST', '/mock-momo/dev/ipn-mode', {
      rawBody: 'mode=drop',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(t.server.fakeMomo?.ipnDelivery).toEqual({ mode: 'send', delayMs: 0 });
  });

  it('keeps its records across a restart (same database file)', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token, 15_000);
    await t.stop();
    await t.restart();
    const query = await momoOf(t).queryPayment({
      orderId: deposit.transactionId,
      requestId: 'q-r',
    });
    expect(query).toMatchObject({ resultCode: 1000, amount: 15_000 });
    const page = await fetch(`${t.url}/mock-momo/pay/${deposit.transactionId}`);
    expect(await page.text()).toContain('15.000 ₫');
  });
});

describe('fake MoMo provider: refusals as MoMo answers them', { timeout: 30_000 }, () => {
  it('refuses a badly signed create or query with 400, resultCode 20 and a signature sub-error', async () => {
    t = await startTestServer();
    const create = await postMomo(t.url, 'create', createBody(t, 'ORDER-bad-sig', {}, 'wrong'));
    expect(create.status).toBe(400);
    expect(create.body).toMatchObject({
      resultCode: 20,
      message: 'Bad format request.',
      subErrors: [{ field: 'signature', message: expect.stringContaining('Chữ ký không hợp lệ') }],
    });
    expect(create.body.subErrors[0].message).toContain('accessKey=*****&amount=20000');
    expect(create.body.subErrors[0].message).not.toContain(t.server.config.momo.accessKey);
    expect(t.server.fakeMomo?.payment('ORDER-bad-sig')).toBeUndefined();

    const tampered = { ...createBody(t, 'ORDER-tamper'), amount: 2_000_000 };
    expect((await postMomo(t.url, 'create', tampered)).body.resultCode).toBe(20);

    const { partnerCode, accessKey } = t.server.config.momo;
    const query = { partnerCode, orderId: 'ORDER-x', requestId: 'q-1', lang: 'vi' };
    const badQuery = await postMomo(t.url, 'query', {
      ...query,
      signature: signMomoQueryRequest(query, { accessKey, secretKey: 'wrong' }),
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({ resultCode: 20, subErrors: [{ field: 'signature' }] });

    // The merchant's client turns it into a rejection carrying MoMo's code.
    const wrongKeys: MomoClient = momoOf(t, { secretKey: 'not-the-merchant-secret' });
    await expect(
      wrongKeys.queryPayment({ orderId: 'ORDER-x', requestId: 'q-2' }),
    ).rejects.toMatchObject({
      kind: 'rejected',
      resultCode: 20,
    });
  });

  it('answers duplicates, unknown orders, other partners and bad formats with MoMo’s codes', async () => {
    t = await startTestServer();
    const first = createBody(t, 'ORDER-dup');
    const created = await postMomo(t.url, 'create', first);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      resultCode: 0,
      orderId: 'ORDER-dup',
      message: 'Thành công.',
    });
    // The same create sent again (same requestId): the same answer, as MoMo's idempotency says.
    expect((await postMomo(t.url, 'create', first)).body).toEqual(created.body);
    const otherRequest = await postMomo(
      t.url,
      'create',
      createBody(t, 'ORDER-dup', { requestId: 'r2' }),
    );
    expect(otherRequest).toMatchObject({ status: 400, body: { resultCode: 41 } });
    const reusedRequest = await postMomo(
      t.url,
      'create',
      createBody(t, 'ORDER-new', { requestId: 'req-ORDER-dup' }),
    );
    expect(reusedRequest).toMatchObject({ status: 400, body: { resultCode: 40 } });
    expect(
      (await postMomo(t.url, 'create', createBody(t, 'ORDER-big', { amount: 50_000_001 }))).body
        .resultCode,
    ).toBe(22);
    expect(
      (await postMomo(t.url, 'create', createBody(t, 'ORDER-p', { partnerCode: 'MOMOOTHER' }))).body
        .resultCode,
    ).toBe(13);

    const format = await postMomo(t.url, 'create', {
      ...first,
      orderId: '-bad',
      requestType: 'payWithATM',
    });
    expect(format.status).toBe(400);
    expect(format.body.resultCode).toBe(20);
    expect(format.body.subErrors.map((e: { field: string }) => e.field).sort()).toEqual([
      'orderId',
      'requestType',
    ]);
    expect((await postMomo(t.url, 'create', undefined, '{not json')).body).toMatchObject({
      resultCode: 20,
    });

    const momo = momoOf(t);
    await expect(
      momo.queryPayment({ orderId: 'ORDER-none', requestId: 'q' }),
    ).rejects.toMatchObject({
      kind: 'rejected',
      resultCode: 42,
    });
  });

  it('a provider failure on create answers 502 and stores nothing', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    t = await startTestServer({ momoEndpoint: `http://127.0.0.1:${closed}` });
    const token = await login(t.url, 'alice');
    const down = await api(t.url, 'POST', '/api/v1/payment/deposit', {
      token,
      body: { amount: 10_000, provider: 'momo' },
    });
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ error: { code: 'PROVIDER_UNAVAILABLE' } });
    await t.cleanup();

    // The backend's keys differ from the provider's: MoMo refuses, and the deposit never exists.
    const provider = await startTestServer();
    t = await startTestServer({
      momoEndpoint: `${provider.url}/mock-momo`,
      momo: { ...provider.server.config.momo, secretKey: 'another-secret' },
    });
    try {
      const otherToken = await login(t.url, 'alice');
      const refused = await api(t.url, 'POST', '/api/v1/payment/deposit', {
        token: otherToken,
        body: { amount: 10_000, provider: 'momo' },
      });
      expect(refused.status).toBe(502);
      expect(refused.body).toMatchObject({ error: { code: 'PROVIDER_ERROR' } });
      expect(refused.body.error.message).toContain('resultCode 20');
      const history = await api(t.url, 'GET', '/api/v1/payment/transactions', {
        token: otherToken,
      });
      expect(history.body.items).toEqual([]);
    } finally {
      await provider.cleanup();
    }
  });

  it('counts refused IPNs (bad signature, not MoMo’s shape) in ipnReceived and ipnRejected', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token);
    const forged = { ...signedIpn(t.server, deposit), amount: 1 };
    expect((await postIpn(t.url, forged)).status).toBe(401);
    expect((await postIpn(t.url, { orderId: deposit.transactionId })).status).toBe(400);
    expect(await metrics(t.url)).toMatchObject({ ipnReceived: 2, ipnRejected: 2, ipnApplied: 0 });
  });
});
