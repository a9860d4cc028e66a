import { afterEach, describe, expect, it } from 'vitest';
import {
  depositRequestSchema,
  loginRequestSchema,
  withdrawRequestSchema,
} from '@paysocket/protocol';
import { api, login, startTestServer, type TestServer } from './testServer';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

describe('request bodies', { timeout: 30_000 }, () => {
  it('the protocol schemas accept the documented bodies and refuse others', () => {
    expect(depositRequestSchema.parse({ amount: 100_000, provider: 'momo' })).toEqual({
      amount: 100_000,
      provider: 'momo',
    });
    for (const bad of [
      { amount: '100000', provider: 'momo' },
      { amount: 1.5, provider: 'momo' },
      { amount: 100_000, provider: 'zalopay' },
      { amount: 100_000 },
    ]) {
      expect(depositRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(withdrawRequestSchema.safeParse({ amount: 10_000 }).success).toBe(true);
    expect(withdrawRequestSchema.safeParse({ amount: null }).success).toBe(false);
    expect(loginRequestSchema.safeParse({ userId: 'alice.nguyen@example' }).success).toBe(true);
    for (const userId of ['', 'a b', 'x'.repeat(65), 42]) {
      expect(loginRequestSchema.safeParse({ userId }).success, String(userId)).toBe(false);
    }
  });

  it('the server answers each field’s own code, and a refused body changes nothing', async () => {
    const s = await startTestServer();
    t = s;
    const token = await login(s.url, 'alice');
    const cases: Array<[string, unknown, string]> = [
      ['/api/v1/payment/deposit', { amount: '100000', provider: 'momo' }, 'INVALID_AMOUNT'],
      ['/api/v1/payment/deposit', { amount: 100_000 }, 'INVALID_PROVIDER'],
      ['/api/v1/payment/deposit', { amount: 'x', provider: 'x' }, 'INVALID_PROVIDER'],
      ['/api/v1/payment/withdraw', { amount: 1.5 }, 'INVALID_AMOUNT'],
      ['/api/v1/auth/login', { userId: 42 }, 'INVALID_USER_ID'],
    ];
    for (const [path, body, code] of cases) {
      const result = await api(s.url, 'POST', path, { token, body });
      expect(result.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(result.body).toMatchObject({ error: { code } });
    }
    const history = await api(s.url, 'GET', '/api/v1/payment/transactions', { token });
    expect(history.body).toMatchObject({ items: [] });
  });
});
