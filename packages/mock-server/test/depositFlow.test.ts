import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transactionSnapshotSchema } from '@paysocket/protocol';
import {
  api,
  connectClient,
  createDeposit,
  login,
  postIpn,
  signedIpn,
  startTestServer,
  type TestServer,
} from './testServer';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
}, 30_000);
afterEach(async () => {
  await t.cleanup();
}, 30_000);

describe('deposit flow', { timeout: 30_000 }, () => {
  it('logs in with a cookie and a token, and shows an empty wallet', async () => {
    const result = await api(t.url, 'POST', '/api/v1/auth/login', { body: { userId: 'alice' } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ userId: 'alice', token: expect.any(String) });
    const cookie = result.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^access_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    const viaCookie = await api(t.url, 'GET', '/api/v1/wallet', {
      headers: { cookie: cookie.split(';')[0] as string },
    });
    expect(viaCookie.body).toEqual({ userId: 'alice', balance: 0, currency: 'VND' });
    const viaBearer = await api(t.url, 'GET', '/api/v1/wallet', {
      token: (result.body as { token: string }).token,
    });
    expect(viaBearer.body).toEqual({ userId: 'alice', balance: 0, currency: 'VND' });
  });

  it('refuses the API without a valid token', async () => {
    const none = await api(t.url, 'GET', '/api/v1/wallet');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    const bad = await api(t.url, 'GET', '/api/v1/wallet', { token: 'not-a-jwt' });
    expect(bad.status).toBe(401);
  });

  it('creates a pending deposit snapshot with QR target, expiry and server time', async () => {
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token, 100_000);
    expect(transactionSnapshotSchema.safeParse(deposit).success).toBe(true);
    expect(deposit).toMatchObject({ type: 'deposit', status: 'pending', amount: 100_000 });
    expect(deposit.paymentUrl).toBe(`${t.url}/mock-momo/pay/${deposit.transactionId}`);
    expect(deposit.qrCodeData).toBe(deposit.paymentUrl);
    expect(String(deposit.deeplink)).toMatch(/^momo:\/\//);
    expect(Date.parse(String(deposit.expiresAt))).toBeGreaterThan(
      Date.parse(String(deposit.serverTime)),
    );
    const lookedUp = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      { token },
    );
    expect(lookedUp.body).toMatchObject({
      transactionId: deposit.transactionId,
      status: 'pending',
    });
  });

  it('rejects bad deposit requests with clear errors', async () => {
    const token = await login(t.url, 'alice');
    const cases: Array<[unknown, string]> = [
      [{ amount: 999, provider: 'momo' }, 'INVALID_AMOUNT'],
      [{ amount: 50_000_001, provider: 'momo' }, 'INVALID_AMOUNT'],
      [{ amount: 1500.5, provider: 'momo' }, 'INVALID_AMOUNT'],
      [{ amount: '10000', provider: 'momo' }, 'INVALID_AMOUNT'],
      [{ amount: 10_000, provider: 'zalopay' }, 'INVALID_PROVIDER'],
      [[1, 2], 'INVALID_BODY'],
    ];
    for (const [body, code] of cases) {
      const result = await api(t.url, 'POST', '/api/v1/payment/deposit', { token, body });
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code } });
    }
    const history = await api(t.url, 'GET', '/api/v1/payment/transactions', { token });
    expect(history.body).toEqual({ items: [], nextCursor: null });
  });

  it('credits a signed IPN and tells the connected client with eventId and seq', async () => {
    const token = await login(t.url, 'alice');
    const { socket, recorder, session } = await connectClient(t.url, { token });
    t.track(socket);
    expect(session).toMatchObject({ userId: 'alice', lastSeq: 0, gap: false });
    const deposit = await createDeposit(t.url, token, 100_000);
    const result = await postIpn(t.url, signedIpn(t.server, deposit));
    expect(result.status).toBe(204);
    const event = await recorder.waitFor('deposit_completed:v1');
    expect(event).toMatchObject({
      type: 'deposit_completed',
      transactionId: deposit.transactionId,
      amount: 100_000,
      newBalance: 100_000,
      providerTransactionId: '4088878653',
      seq: 1,
      eventId: expect.any(String),
      message: 'Nạp tiền thành công 100.000 VND',
    });
    const wallet = await api(t.url, 'GET', '/api/v1/wallet', { token });
    expect(wallet.body).toMatchObject({ balance: 100_000 });
    const snapshot = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      { token },
    );
    expect(snapshot.body).toMatchObject({
      status: 'completed',
      newBalance: 100_000,
      providerTransactionId: '4088878653',
    });
  });

  it('sends each of two connected users only their own events', async () => {
    const aliceToken = await login(t.url, 'alice');
    const bobToken = await login(t.url, 'bob');
    const alice = await connectClient(t.url, { token: aliceToken });
    const bob = await connectClient(t.url, { token: bobToken });
    t.track(alice.socket);
    t.track(bob.socket);
    const aliceDeposit = await createDeposit(t.url, aliceToken, 10_000);
    const bobDeposit = await createDeposit(t.url, bobToken, 20_000);
    expect((await postIpn(t.url, signedIpn(t.server, aliceDeposit))).status).toBe(204);
    expect((await postIpn(t.url, signedIpn(t.server, bobDeposit))).status).toBe(204);
    const second = await createDeposit(t.url, aliceToken, 30_000);
    expect((await postIpn(t.url, signedIpn(t.server, second))).status).toBe(204);
    await alice.recorder.waitFor(
      'deposit_completed:v1',
      (e) => e.transactionId === second.transactionId,
    );
    await bob.recorder.waitFor(
      'deposit_completed:v1',
      (e) => e.transactionId === bobDeposit.transactionId,
    );
    expect(
      alice.recorder.named('deposit_completed:v1').map((e) => [e.transactionId, e.seq]),
    ).toEqual([
      [aliceDeposit.transactionId, 1],
      [second.transactionId, 2],
    ]);
    expect(bob.recorder.named('deposit_completed:v1').map((e) => [e.transactionId, e.seq])).toEqual(
      [[bobDeposit.transactionId, 1]],
    );
    const foreign = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${aliceDeposit.transactionId}`,
      { token: bobToken },
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
