import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-enough-length-0123',
  MOMO_PARTNER_CODE: 'MOMOLIVE0001',
  MOMO_ACCESS_KEY: 'live-access-key',
  MOMO_SECRET_KEY: 'live-secret-key',
  MOMO_ENDPOINT: 'https://payment.momo.vn/',
};

describe('loadConfig', () => {
  it('runs on a laptop with development defaults, pointing MoMo at the mock server', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      production: false,
      momoEndpoint: 'http://127.0.0.1:4000/mock-momo',
      redisUrl: undefined,
      reconcileAfterMs: 30_000,
    });
  });

  it('takes production values as given', () => {
    const config = loadConfig({
      ...production,
      ALLOWED_ORIGINS: 'https://wallet.example.com/, https://m.example.com',
      REDIS_URL: 'redis://10.0.0.5:6379',
    });
    expect(config).toMatchObject({
      production: true,
      momoEndpoint: 'https://payment.momo.vn',
      allowedOrigins: ['https://wallet.example.com', 'https://m.example.com'],
      redisUrl: 'redis://10.0.0.5:6379',
    });
  });

  it.each(['JWT_SECRET', 'MOMO_SECRET_KEY', 'MOMO_ENDPOINT'])(
    'refuses production without %s',
    (name) => {
      const env: Record<string, string | undefined> = { ...production, [name]: undefined };
      expect(() => loadConfig(env)).toThrow(
        new ConfigError(`${name} must be set when NODE_ENV=production`),
      );
    },
  );

  it('refuses production with a development secret, and values that make no sense', () => {
    expect(() =>
      loadConfig({ ...production, MOMO_SECRET_KEY: 'paysocket-dev-secret-key-not-for-production' }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'wallet.example.com' })).toThrow(
      /not an http\(s\) origin/,
    );
    expect(() => loadConfig({ RECONCILE_AFTER_SECONDS: '0' })).toThrow(ConfigError);
  });
});
