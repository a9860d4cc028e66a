import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  API_PATHS,
  errorBodySchema,
  loginResponseSchema,
  transactionSnapshotSchema,
  transactionsPageSchema,
  walletSchema,
} from '@paysocket/protocol';
import { createPaymentBackendMock, LedgerError } from '@paysocket/testing';

const BASE = 'http://rest.test';
const backend = createPaymentBackendMock({ url: BASE, userId: 'u1', balance: 5_000 });
const server = setupServer(...backend.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => backend.reset());
afterAll(() => server.close());

const json = { 'content-type': 'application/json' };

function post(path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(BASE + path, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function refusal(response: Response) {
  return { status: response.status, ...errorBodySchema.parse(await response.json()).error };
}

async function page(query: string) {
  const response = await fetch(`${BASE}${API_PATHS.transactions}${query}`);
  return transactionsPageSchema.parse(await response.json());
}

describe('deposits', () => {
  it('creates a pending deposit as a TransactionSnapshot, the same the driver sees', async () => {
    const response = await post(API_PATHS.deposit, { amount: 100_000, provider: 'momo' });
    expect(response.status).toBe(201);
    const snapshot = transactionSnapshotSchema.parse(await response.json());
    expect(snapshot).toMatchObject({
      type: 'deposit',
      status: 'pending',
      amount: 100_000,
      paymentUrl: `${BASE}/mock-momo/pay/${snapshot.transactionId}`,
    });
    expect(Date.parse(snapshot.expiresAt ?? '') - Date.parse(snapshot.createdAt)).toBe(15 * 60_000);
    const { serverTime: _at, ...rest } = snapshot;
    expect(backend.getTransaction(snapshot.transactionId)).toMatchObject(rest);
  });

  it.each([
    [999, 'INVALID_AMOUNT'],
    [50_000_001, 'INVALID_AMOUNT'],
    [1_000.5, 'INVALID_AMOUNT'],
    ['100000', 'INVALID_AMOUNT'],
    [undefined, 'INVALID_AMOUNT'],
  ])('refuses amount %j with 400 %s and creates nothing', async (amount, code) => {
    const response = await post(API_PATHS.deposit, { amount, provider: 'momo' });
    expect(await refusal(response)).toMatchObject({ status: 400, code });
    expect((await page('')).items).toEqual([]);
  });

  it('accepts both limits of MoMo amounts', async () => {
    for (const amount of [1_000, 50_000_000]) {
      expect((await post(API_PATHS.deposit, { amount, provider: 'momo' })).status).toBe(201);
    }
  });

  it('refuses a wrong provider, a body that is not JSON, and a non-JSON content type', async () => {
    expect(await refusal(await post(API_PATHS.deposit, { amount: 10_000 }))).toMatchObject({
      status: 400,
      code: 'INVALID_PROVIDER',
    });
    const malformed = await fetch(BASE + API_PATHS.deposit, {
      method: 'POST',
      headers: json,
      body: '{"amount":',
    });
    expect(await refusal(malformed)).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    const text = await fetch(BASE + API_PATHS.deposit, { method: 'POST', body: 'amount=1' });
    expect(await refusal(text)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('cancels a pending deposit once, repeats harmlessly, and refuses a finished one', async () => {
    const deposit = backend.createDeposit({ amount: 10_000 });
    const first = await post(API_PATHS.cancelDeposit(deposit.transactionId));
    expect(transactionSnapshotSchema.parse(await first.json())).toMatchObject({
      status: 'cancelled',
      reason: 'user_cancelled',
    });
    expect((await post(API_PATHS.cancelDeposit(deposit.transactionId))).status).toBe(200);
    const done = backend.createDeposit({ amount: 10_000 });
    backend.completeDeposit(done.transactionId);
    expect(await refusal(await post(API_PATHS.cancelDeposit(done.transactionId)))).toMatchObject({
      status: 409,
      code: 'NOT_PENDING',
    });
    expect(await refusal(await post(API_PATHS.cancelDeposit('nope')))).toMatchObject({
      status: 404,
    });
  });

  it('confirm-deposit completes it, as the reference server does in development', async () => {
    const deposit = backend.createDeposit({ amount: 20_000 });
    const response = await post(API_PATHS.confirmDeposit, { transactionId: deposit.transactionId });
    expect(transactionSnapshotSchema.parse(await response.json())).toMatchObject({
      status: 'completed',
      newBalance: 25_000,
    });
  });
});

describe('withdrawals', () => {
  it('creates a pending withdrawal within the balance that pending ones leave', async () => {
    const first = await post(API_PATHS.withdraw, { amount: 3_000 });
    expect(first.status).toBe(201);
    expect(transactionSnapshotSchema.parse(await first.json())).toMatchObject({
      type: 'withdrawal',
      status: 'pending',
      amount: 3_000,
    });
    expect(await refusal(await post(API_PATHS.withdraw, { amount: 3_000 }))).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_FUNDS',
      message: 'balance available is 2000 VND',
    });
    expect(await refusal(await post(API_PATHS.withdraw, { amount: 10 }))).toMatchObject({
      status: 400,
      code: 'INVALID_AMOUNT',
    });
    expect((await page('')).items).toHaveLength(1);
  });

  it('pays a withdrawal out on completeWithdrawal, and only once', () => {
    const withdrawal = backend.createWithdrawal({ amount: 2_000 });
    expect(backend.completeWithdrawal(withdrawal.transactionId)).toMatchObject({
      type: 'withdrawal_completed',
      newBalance: 3_000,
    });
    expect(() => backend.completeWithdrawal(withdrawal.transactionId)).toThrow(/already completed/);
    expect(() => backend.completeDeposit(withdrawal.transactionId)).toThrow(/no deposit/);
    expect(backend.getTransaction(withdrawal.transactionId)).not.toHaveProperty('paymentUrl');
  });
});

describe('look-ups, history and wallet', () => {
  it('answers a look-up for the owner only (404 for anyone else)', async () => {
    const deposit = backend.createDeposit({ amount: 10_000 });
    backend.failDeposit(deposit.transactionId, 'insufficient_funds');
    const own = await fetch(BASE + API_PATHS.transaction(deposit.transactionId));
    expect(transactionSnapshotSchema.parse(await own.json())).toMatchObject({
      status: 'failed',
      reason: 'insufficient_funds',
    });
    const login = await post(API_PATHS.login, { userId: 'someone-else' });
    const { token } = loginResponseSchema.parse(await login.json());
    const foreign = await fetch(BASE + API_PATHS.transaction(deposit.transactionId), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await refusal(foreign)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('pages the history newest first with nextCursor', async () => {
    const ids = [1_000, 2_000, 3_000].map(
      (amount) => backend.createDeposit({ amount }).transactionId,
    );
    const first = await page('?limit=2');
    expect(first.items.map((s) => s.transactionId)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((s) => s.transactionId)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    for (const query of ['?limit=0', '?limit=101', '?limit=x', '?cursor=abc']) {
      const response = await fetch(`${BASE}${API_PATHS.transactions}${query}`);
      expect(response.status).toBe(400);
    }
  });

  it('shows the wallet of the signed-in user; logout revokes the token', async () => {
    const wallet = await fetch(BASE + API_PATHS.wallet);
    expect(walletSchema.parse(await wallet.json())).toEqual({
      userId: 'u1',
      balance: 5_000,
      currency: 'VND',
    });
    const login = await post(API_PATHS.login, { userId: 'u2' });
    expect(login.headers.get('set-cookie')).toMatch(/^access_token=.+; Path=\/; HttpOnly/);
    const { token } = loginResponseSchema.parse(await login.json());
    const bearer = { authorization: `Bearer ${token}` };
    const theirs = await fetch(BASE + API_PATHS.wallet, { headers: bearer });
    expect(await theirs.json()).toEqual({ userId: 'u2', balance: 0, currency: 'VND' });
    expect((await post(API_PATHS.logout, undefined, bearer)).status).toBe(204);
    const after = await fetch(BASE + API_PATHS.wallet, { headers: bearer });
    expect(await refusal(after)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses a login with an unusable user id', async () => {
    expect(await refusal(await post(API_PATHS.login, { userId: 'a b' }))).toMatchObject({
      status: 400,
      code: 'INVALID_USER_ID',
    });
  });
});

describe('driver', () => {
  it('refuses an impossible history with a LedgerError that says why', () => {
    const deposit = backend.createDeposit({ amount: 10_000 });
    backend.completeDeposit(deposit.transactionId);
    const again = () => backend.completeDeposit(deposit.transactionId);
    expect(again).toThrow(LedgerError);
    expect(again).toThrow(/already completed/);
    expect(() => backend.failDeposit(deposit.transactionId)).toThrow(/already completed/);
    expect(() => backend.expireDeposit('unknown')).toThrow(/no deposit unknown/);
    expect(() => backend.createDeposit({ amount: 10 })).toThrow(/from 1000 to 50000000/);
    expect(backend.getBalance()).toBe(15_000);
  });

  it('refuses bad options', () => {
    expect(() => createPaymentBackendMock({ url: '', userId: 'u1' })).toThrow(TypeError);
    expect(() => createPaymentBackendMock({ url: BASE, userId: '' })).toThrow(TypeError);
    expect(() => createPaymentBackendMock({ url: BASE, userId: 'u1', balance: -1 })).toThrow(
      RangeError,
    );
    expect(() => backend.rejectAuth('UNAUTHORIZED', { times: 0 })).toThrow(RangeError);
    expect(() => createPaymentBackendMock({ url: BASE, userId: 'u1', pingIntervalMs: 0 })).toThrow(
      /pingIntervalMs must be an integer/,
    );
    expect(() =>
      createPaymentBackendMock({ url: BASE, userId: 'u1', pingTimeoutMs: 2 ** 31 }),
    ).toThrow(RangeError);
  });

  it('reset() forgets transactions and balances and starts a new epoch', () => {
    const epoch = backend.epoch;
    const deposit = backend.createDeposit({ amount: 10_000 });
    backend.completeDeposit(deposit.transactionId);
    backend.reset();
    expect(backend.getTransaction(deposit.transactionId)).toBeUndefined();
    expect(backend.getBalance()).toBe(5_000);
    expect(backend.epoch).not.toBe(epoch);
  });
});
