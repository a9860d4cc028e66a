import { afterEach, describe, expect, it } from 'vitest';
import { PaymentError } from '../src/index';
import { api, createDeposit, login, startTestServer, type TestServer } from './testServer';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

describe('domain errors', { timeout: 30_000 }, () => {
  it('PaymentService refuses with PaymentError kinds and no HTTP status', async () => {
    const s = await startTestServer();
    t = s;
    const service = s.server.service;
    await expect(service.createDeposit('alice', 5)).rejects.toMatchObject({
      name: 'PaymentError',
      kind: 'invalid',
      code: 'INVALID_AMOUNT',
    });
    const missing = (() => {
      try {
        service.owned('alice', 'MOMO-nope');
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(PaymentError);
    expect(missing).toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    expect(missing).not.toHaveProperty('status');
    expect(() => service.createWithdrawal('alice', 10_000)).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'INSUFFICIENT_FUNDS' }),
    );
  });

  it('the HTTP edge maps the kinds to 400, 404 and 409', async () => {
    const s = await startTestServer();
    t = s;
    const token = await login(s.url, 'bob');
    const cases: Array<[number, string, Promise<{ status: number; body: unknown }>]> = [
      [
        400,
        'INVALID_AMOUNT',
        api(s.url, 'POST', '/api/v1/payment/deposit', {
          token,
          body: { amount: 5, provider: 'momo' },
        }),
      ],
      [404, 'NOT_FOUND', api(s.url, 'GET', '/api/v1/payment/transactions/MOMO-nope', { token })],
      [
        409,
        'INSUFFICIENT_FUNDS',
        api(s.url, 'POST', '/api/v1/payment/withdraw', { token, body: { amount: 10_000 } }),
      ],
    ];
    for (const [status, code, call] of cases) {
      const result = await call;
      expect(result.status, code).toBe(status);
      expect(result.body).toMatchObject({ error: { code } });
    }
    const deposit = await createDeposit(s.url, token);
    const confirmed = await api(s.url, 'POST', '/api/v1/payment/confirm-deposit', {
      token,
      body: { transactionId: deposit.transactionId },
    });
    expect(confirmed.status).toBe(200);
    const cancel = await api(
      s.url,
      'POST',
      `/api/v1/payment/deposit/${deposit.transactionId}/cancel`,
      { token },
    );
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ error: { code: 'NOT_PENDING' } });
  });
});
