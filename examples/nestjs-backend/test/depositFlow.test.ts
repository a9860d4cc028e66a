import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { startMockServer, type MockServer } from '@paysocket/mock-server';
import { actOnPayPage, balance, call, createDeposit, ipnFor, login } from './support/api';
import { ALLOWED_ORIGIN, TEST_MOMO, startBackend, type Backend } from './support/startBackend';
import { WireClient } from './support/WireClient';

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;

describe('NestJS backend, single node (SQLite)', () => {
  let dir: string;
  let provider: MockServer;
  let backend: Backend;
  const clients: WireClient[] = [];
  const connect = (...args: ConstructorParameters<typeof WireClient>) => {
    const client = new WireClient(...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paysocket-nest-'));
    // The fake MoMo provider (MoMo's side only: its create/query API, pay page and IPNs).
    provider = await startMockServer({
      port: 0,
      host: '127.0.0.1',
      databasePath: ':memory:',
      momo: TEST_MOMO,
      env: {},
    });
    backend = await startBackend({
      momoEndpoint: `${provider.url}/mock-momo`,
      databasePath: join(dir, 'backend.db'),
    });
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await backend?.stop();
    await provider?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ipn = (body: unknown) => call(`${backend.url}/api/v1/payment/momo/callback`, { body });

  it('tells the payer once when the fake MoMo page is paid, and nobody else', async () => {
    const alice = unique('alice');
    const bob = unique('bob');
    const [aliceToken, bobToken] = await Promise.all([
      login(backend.url, alice),
      login(backend.url, bob),
    ]);
    const aliceClient = connect(backend.url, aliceToken);
    const bobClient = connect(backend.url, bobToken);
    await Promise.all([aliceClient.waitFor('session:v1'), bobClient.waitFor('session:v1')]);
    expect(aliceClient.named('session:v1')[0]?.payload).toMatchObject({
      userId: alice,
      lastSeq: 0,
    });

    const deposit = await createDeposit(backend.url, aliceToken, 100_000);
    expect(deposit).toMatchObject({ type: 'deposit', status: 'pending', amount: 100_000 });
    expect(deposit.paymentUrl).toBe(`${provider.url}/mock-momo/pay/${deposit.transactionId}`);
    expect(provider.fakeMomo?.payment(deposit.transactionId)?.ipnUrl).toBe(
      `${backend.url}/api/v1/payment/momo/callback`,
    );

    // The pay page answers once the merchant has heard the IPN.
    expect(await actOnPayPage(deposit.paymentUrl as string, 'pay')).toBe(200);
    const [completed] = await aliceClient.waitFor('deposit_completed:v1');
    expect(completed?.payload).toMatchObject({
      type: 'deposit_completed',
      transactionId: deposit.transactionId,
      amount: 100_000,
      newBalance: 100_000,
      seq: 1,
      message: 'Nạp tiền thành công 100.000 VND',
    });
    expect(typeof completed?.payload.providerTransactionId).toBe('string');

    // MoMo may send the same IPN again: 204, and nothing changes or is told twice.
    const repeat = ipnFor(deposit, {
      transId: Number(completed?.payload.providerTransactionId),
    });
    expect((await ipn(repeat)).status).toBe(204);
    expect(await balance(backend.url, aliceToken)).toBe(100_000);

    // Bob's own deposit is the barrier: once he has it, anything meant for him has arrived.
    const bobs = await createDeposit(backend.url, bobToken, 20_000);
    expect((await ipn(ipnFor(bobs))).status).toBe(204);
    await bobClient.waitFor('deposit_completed:v1');
    expect(bobClient.named('deposit_completed:v1').map((e) => e.payload.transactionId)).toEqual([
      bobs.transactionId,
    ]);
    expect(aliceClient.named('deposit_completed:v1')).toHaveLength(1);
    expect(aliceClient.named('payment_status_update:v1')).toHaveLength(0);

    const snapshot = await call<TransactionSnapshot>(
      `${backend.url}/api/v1/payment/transactions/${deposit.transactionId}`,
      { token: aliceToken },
    );
    expect(snapshot.body).toMatchObject({ status: 'completed', newBalance: 100_000 });
    const foreign = await call(
      `${backend.url}/api/v1/payment/transactions/${deposit.transactionId}`,
      { token: bobToken },
    );
    expect(foreign.status).toBe(404);
  });

  it('refuses forged and mismatched IPNs, changing nothing', async () => {
    const carol = unique('carol');
    const token = await login(backend.url, carol);
    const client = connect(backend.url, token);
    await client.waitFor('session:v1');
    const deposit = await createDeposit(backend.url, token, 50_000);

    const forged = ipnFor(deposit, {}, { accessKey: TEST_MOMO.accessKey, secretKey: 'guessed' });
    expect(await ipn(forged)).toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_SIGNATURE' } },
    });
    expect(await ipn({ ...ipnFor(deposit), amount: 5_000_000 })).toMatchObject({ status: 401 });
    expect(await ipn(ipnFor(deposit, { amount: 5_000_000 }))).toMatchObject({
      status: 400,
      body: { error: { code: 'AMOUNT_MISMATCH' } },
    });
    expect(await ipn(ipnFor(deposit, { partnerCode: 'SOMEONEELSE' }))).toMatchObject({
      status: 400,
      body: { error: { code: 'PARTNER_MISMATCH' } },
    });
    expect(await ipn(ipnFor({ transactionId: 'PS000unknown', amount: 50_000 }))).toMatchObject({
      status: 404,
      body: { error: { code: 'UNKNOWN_ORDER' } },
    });
    expect(await ipn({ orderId: deposit.transactionId })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_IPN' } },
    });

    const state = await call<TransactionSnapshot>(
      `${backend.url}/api/v1/payment/transactions/${deposit.transactionId}`,
      { token },
    );
    expect(state.body.status).toBe('pending');
    expect(await balance(backend.url, token)).toBe(0);

    // A decline is told as cancelled `declined`; a success after it is refused (409).
    expect((await ipn(ipnFor(deposit, { resultCode: 1006 }))).status).toBe(204);
    const [update] = await client.waitFor('payment_status_update:v1');
    expect(update?.payload).toMatchObject({
      status: 'cancelled',
      metadata: { reason: 'declined' },
      seq: 1,
    });
    expect(await ipn(ipnFor(deposit))).toMatchObject({ status: 409 });
    expect(await balance(backend.url, token)).toBe(0);
    expect(client.named('deposit_completed:v1')).toHaveLength(0);
  });

  it('refuses a foreign Origin on the socket and on REST, and accepts the allowed one with the cookie', async () => {
    const dave = unique('dave');
    const token = await login(backend.url, dave);

    const foreign = connect(backend.url, token, { origin: 'http://evil.example' });
    await foreign.refused();
    expect(foreign.socket.connected).toBe(false);
    expect(foreign.named('session:v1')).toHaveLength(0);
    foreign.close();

    const rest = await call(`${backend.url}/api/v1/wallet`, {
      token,
      headers: { origin: 'http://evil.example' },
    });
    expect(rest).toMatchObject({ status: 403, body: { error: { code: 'ORIGIN_NOT_ALLOWED' } } });

    const allowed = connect(backend.url, token, { origin: ALLOWED_ORIGIN, cookie: true });
    const [session] = await allowed.waitFor('session:v1');
    expect(session?.payload.userId).toBe(dave);
    const cors = await call(`${backend.url}/api/v1/wallet`, {
      token,
      headers: { origin: ALLOWED_ORIGIN },
    });
    expect(cors.status).toBe(200);
    expect(cors.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(cors.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('refuses sockets without a valid token, and revokes a token on logout', async () => {
    const none = connect(backend.url, 'not-a-jwt');
    const error = (await none.refused()) as Error & { data?: { code?: string } };
    expect(error.message).toBe('UNAUTHORIZED');
    expect(error.data?.code).toBe('UNAUTHORIZED');
    none.close();

    const erin = unique('erin');
    const token = await login(backend.url, erin);
    const client = connect(backend.url, token);
    await client.waitFor('session:v1');
    const closed = new Promise((resolve) => client.socket.once('disconnect', resolve));
    expect(
      (await call(`${backend.url}/api/v1/auth/logout`, { token, method: 'POST' })).status,
    ).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await call(`${backend.url}/api/v1/wallet`, { token })).status).toBe(401);
    const again = connect(backend.url, token);
    expect((await again.refused()).message).toBe('UNAUTHORIZED');
  });

  it('cancels, confirms and withdraws, telling the owner each time', async () => {
    const token = await login(backend.url, unique('gina'));
    const client = connect(backend.url, token);
    await client.waitFor('session:v1');
    const payments = `${backend.url}/api/v1/payment`;

    const cancelled = await createDeposit(backend.url, token, 30_000);
    const cancel = await call<TransactionSnapshot>(
      `${payments}/deposit/${cancelled.transactionId}/cancel`,
      { token, method: 'POST' },
    );
    expect(cancel.body).toMatchObject({ status: 'cancelled', reason: 'user_cancelled' });
    const [update] = await client.waitFor('payment_status_update:v1');
    expect(update?.payload).toMatchObject({
      transactionId: cancelled.transactionId,
      status: 'cancelled',
      metadata: { reason: 'user_cancelled' },
    });

    const confirmed = await createDeposit(backend.url, token, 70_000);
    const confirm = await call<TransactionSnapshot>(`${payments}/confirm-deposit`, {
      token,
      body: { transactionId: confirmed.transactionId },
    });
    expect(confirm.body).toMatchObject({ status: 'completed', newBalance: 70_000 });
    await client.waitFor('deposit_completed:v1');

    const tooMuch = await call(`${payments}/withdraw`, { token, body: { amount: 70_001 } });
    expect(tooMuch).toMatchObject({ status: 400, body: { error: { code: 'INSUFFICIENT_FUNDS' } } });
    const withdrawal = await call<TransactionSnapshot>(`${payments}/withdraw`, {
      token,
      body: { amount: 20_000 },
    });
    expect(withdrawal).toMatchObject({
      status: 201,
      body: { status: 'pending', type: 'withdrawal' },
    });
    const [withdrawn] = await client.waitFor('withdrawal_completed:v1');
    expect(withdrawn?.payload).toMatchObject({
      transactionId: withdrawal.body.transactionId,
      amount: 20_000,
      newBalance: 50_000,
      message: 'Rút tiền thành công 20.000 VND',
    });
    expect(await balance(backend.url, token)).toBe(50_000);
    expect(client.events.map((event) => event.payload.seq ?? 'session')).toEqual([
      'session',
      1,
      2,
      3,
    ]);

    const history = await call<{ items: TransactionSnapshot[]; nextCursor: string | null }>(
      `${payments}/transactions?limit=2`,
      { token },
    );
    expect(history.body.items.map((item) => item.transactionId)).toEqual([
      withdrawal.body.transactionId,
      confirmed.transactionId,
    ]);
    const older = await call<{ items: TransactionSnapshot[]; nextCursor: string | null }>(
      `${payments}/transactions?limit=2&cursor=${history.body.nextCursor ?? ''}`,
      { token },
    );
    expect(older.body).toMatchObject({
      items: [{ transactionId: cancelled.transactionId }],
      nextCursor: null,
    });
  });

  it('validates request bodies with a 400 error body', async () => {
    const token = await login(backend.url, unique('frank'));
    const deposit = (body: unknown) =>
      call(`${backend.url}/api/v1/payment/deposit`, { token, body });
    expect(await deposit({ amount: 100_000.5, provider: 'momo' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_BODY' } },
    });
    expect(await deposit({ amount: 500, provider: 'momo' })).toMatchObject({ status: 400 });
    expect(await deposit({ amount: 100_000, provider: 'visa' })).toMatchObject({ status: 400 });
    expect(await deposit('100000')).toMatchObject({ status: 400 });
    expect(await call(`${backend.url}/api/v1/auth/login`, { body: { userId: '' } })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_BODY' } },
    });
    const page = await call<{ items: unknown[] }>(`${backend.url}/api/v1/payment/transactions`, {
      token,
    });
    expect(page.body.items).toEqual([]);
  });
});
