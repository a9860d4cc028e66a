import { afterEach, describe, expect, it } from 'vitest';
import {
  api,
  connectClient,
  createDeposit,
  login,
  startTestServer,
  type TestServer,
} from './testServer';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

function postForm(url: string, path: string, action: string, origin: string) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ action }).toString(),
  });
}

describe('fake MoMo pay page', { timeout: 30_000 }, () => {
  it('shows the amount in VND with Pay and Decline, and Pay completes the deposit through a signed IPN', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    const deposit = await createDeposit(t.url, token, 100_000);
    const page = await fetch(String(deposit.paymentUrl));
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('100.000 ₫');
    expect(html).toContain('<html lang="vi">');
    expect(html).toMatch(/value="pay">Thanh toán</);
    expect(html).toMatch(/value="decline">Từ chối</);
    expect(html).not.toContain(t.server.config.momo.secretKey);

    const paid = await postForm(t.url, `/mock-momo/pay/${deposit.transactionId}`, 'pay', t.url);
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Thanh toán thành công');
    const event = await recorder.waitFor('deposit_completed:v1');
    expect(event).toMatchObject({ transactionId: deposit.transactionId, newBalance: 100_000 });
    expect(event.providerTransactionId).toMatch(/^\d{10}$/);
    expect(await (await fetch(String(deposit.paymentUrl))).text()).toContain(
      'Giao dịch đã được thanh toán',
    );
  });

  it('Decline cancels the deposit (declined)', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token, 5_000);
    const declined = await postForm(
      t.url,
      `/mock-momo/pay/${deposit.transactionId}`,
      'decline',
      t.url,
    );
    expect(await declined.text()).toContain('Đã từ chối thanh toán');
    const snapshot = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      { token },
    );
    expect(snapshot.body).toMatchObject({ status: 'cancelled', reason: 'declined' });
  });

  it('uses PUBLIC_URL for the QR target and refuses posts from foreign origins', async () => {
    t = await startTestServer({ publicUrl: 'http://192.168.1.20:4000' });
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token);
    expect(deposit.paymentUrl).toBe(
      `http://192.168.1.20:4000/mock-momo/pay/${deposit.transactionId}`,
    );
    const foreign = await postForm(
      t.url,
      `/mock-momo/pay/${deposit.transactionId}`,
      'pay',
      'http://evil.example',
    );
    expect(foreign.status).toBe(403);
    const bad = await postForm(t.url, `/mock-momo/pay/${deposit.transactionId}`, 'steal', t.url);
    expect(bad.status).toBe(400);
    expect((await api(t.url, 'GET', '/mock-momo/pay/unknown')).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).body).toMatchObject({
      balance: 0,
    });
  });
});

describe('production mode', { timeout: 30_000 }, () => {
  const keys = {
    MOMO_PARTNER_CODE: 'MOMOPROD',
    MOMO_ACCESS_KEY: 'prod-access',
    MOMO_SECRET_KEY: 'prod-secret',
  };
  const productionEnv = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-that-is-long-enough-1234',
    MOMO_ENDPOINT: 'https://test-payment.momo.vn',
    ...keys,
  };
  let provider: TestServer | undefined;
  afterEach(async () => {
    await provider?.cleanup();
    provider = undefined;
  });

  it('refuses the dev login, confirm-deposit and the whole fake provider, and trusts integrator JWTs', async () => {
    // MoMo for this production server: another (development) server's fake provider, same keys.
    provider = await startTestServer({ env: keys });
    t = await startTestServer({
      env: { ...productionEnv, MOMO_ENDPOINT: `${provider.url}/mock-momo` },
    });
    const loginResult = await api(t.url, 'POST', '/api/v1/auth/login', {
      body: { userId: 'alice' },
    });
    expect(loginResult.status).toBe(403);
    expect(loginResult.body).toMatchObject({ error: { code: 'DISABLED_IN_PRODUCTION' } });
    const { signAccessToken } = await import('@paysocket/server');
    const token = await signAccessToken('alice', productionEnv.JWT_SECRET);
    const deposit = await createDeposit(t.url, token);
    expect(deposit.paymentUrl).toBe(`${provider.url}/mock-momo/pay/${deposit.transactionId}`);
    const confirm = await api(t.url, 'POST', '/api/v1/payment/confirm-deposit', {
      token,
      body: { transactionId: deposit.transactionId },
    });
    expect(confirm.status).toBe(403);
    for (const [method, path, body] of [
      ['GET', `/mock-momo/pay/${deposit.transactionId}`, undefined],
      ['POST', '/mock-momo/v2/gateway/api/create', {}],
      ['POST', '/mock-momo/v2/gateway/api/query', {}],
      ['POST', '/mock-momo/dev/ipn-mode', { mode: 'drop' }],
    ] as const) {
      expect((await api(t.url, method, path, { body })).status, path).toBe(404);
    }
    const ownOrigin = await api(t.url, 'GET', '/api/v1/wallet', {
      token,
      headers: { origin: t.url },
    });
    expect(ownOrigin.status, 'own origins are allowed only in development').toBe(403);
  });

  it('refuses to start with dev-default or missing secrets, or without MOMO_ENDPOINT', async () => {
    const { ConfigError, DEV_DEFAULTS, loadConfig } = await import('../src/index');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...productionEnv, JWT_SECRET: DEV_DEFAULTS.jwtSecret })).toThrow(
      /development secrets/,
    );
    expect(() =>
      loadConfig({ ...productionEnv, MOMO_ACCESS_KEY: DEV_DEFAULTS.momo.accessKey }),
    ).toThrow(/development secrets/);
    expect(() => loadConfig({ ...productionEnv, JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ ...productionEnv, MOMO_ENDPOINT: undefined })).toThrow(
      /MOMO_ENDPOINT is required/,
    );
    expect(loadConfig(productionEnv).momoEndpoint).toBe('https://test-payment.momo.vn');
    expect(loadConfig({ MOMO_ENDPOINT: 'http://127.0.0.1:9/mock-momo/' }).momoEndpoint).toBe(
      'http://127.0.0.1:9/mock-momo',
    );
    expect(loadConfig({}).momoEndpoint).toBeUndefined();
    for (const bad of ['ftp://momo.vn', 'not a url', 'https://momo.vn/?a=1']) {
      expect(() => loadConfig({ MOMO_ENDPOINT: bad }), bad).toThrow(/MOMO_ENDPOINT/);
    }
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
    expect(loadConfig({}).depositTtlMs).toBe(15 * 60 * 1000);
    expect(loadConfig({ DEPOSIT_TTL_SECONDS: '30' }).depositTtlMs).toBe(30_000);
    for (const bad of ['0', '-5', '1.5', 'soon']) {
      expect(() => loadConfig({ DEPOSIT_TTL_SECONDS: bad })).toThrow(/DEPOSIT_TTL_SECONDS/);
    }
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.20:4000/' })).toMatchObject({
      host: '0.0.0.0',
      publicUrl: 'http://192.168.1.20:4000',
    });
  });
});
