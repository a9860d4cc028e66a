import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/index';
import { api, startTestServer, type TestServer } from './testServer';

const productionEnv = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-that-is-long-enough-1234',
  MOMO_PARTNER_CODE: 'MOMOPROD',
  MOMO_ACCESS_KEY: 'prod-access',
  MOMO_SECRET_KEY: 'prod-secret',
  MOMO_ENDPOINT: 'https://test-payment.momo.vn',
};
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

const metrics = (url: string, authorization?: string) =>
  api(url, 'GET', '/metrics', authorization ? { headers: { authorization } } : {});

describe('GET /metrics access', { timeout: 30_000 }, () => {
  it('answers 404 in production when no METRICS_TOKEN is set', async () => {
    t = await startTestServer({ env: productionEnv });
    const result = await metrics(t.url);
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await metrics(t.url, 'Bearer anything')).status).toBe(404);
  });

  it('needs the METRICS_TOKEN bearer in production', async () => {
    t = await startTestServer({ env: { ...productionEnv, METRICS_TOKEN } });
    const missing = await metrics(t.url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    for (const wrong of [
      `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
      `Bearer ${METRICS_TOKEN}x`,
      `Basic ${METRICS_TOKEN}`,
      METRICS_TOKEN,
    ]) {
      expect((await metrics(t.url, wrong)).status, wrong).toBe(401);
    }
    const ok = await metrics(t.url, `Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ activeConnections: 0, roomCount: 0 });
  });

  it('stays open in development unless a METRICS_TOKEN is set', async () => {
    t = await startTestServer();
    expect((await metrics(t.url)).status).toBe(200);
    await t.cleanup();
    t = await startTestServer({ env: { METRICS_TOKEN } });
    expect((await metrics(t.url)).status).toBe(401);
    expect((await metrics(t.url, `Bearer ${METRICS_TOKEN}`)).status).toBe(200);
  });

  it('refuses a short METRICS_TOKEN in production', () => {
    expect(() => loadConfig({ ...productionEnv, METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...productionEnv, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN must be at least 16/,
    );
    expect(loadConfig({ ...productionEnv, METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
    expect(loadConfig({}).metricsToken).toBeUndefined();
  });
});
