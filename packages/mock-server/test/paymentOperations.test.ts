import { afterEach, describe, expect, it } from 'vitest';
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

let t: TestServer | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

describe('payment operations', { timeout: 30_000 }, () => {
  it('cancels a pending deposit for its owner only, and a late success still credits it', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const bob = await login(t.url, 'bob');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    const deposit = await createDeposit(t.url, token, 20_000);
    const path = `/api/v1/payment/deposit/${deposit.transactionId}/cancel`;
    expect((await api(t.url, 'POST', path, { token: bob })).status).toBe(404);
    const cancelled = await api(t.url, 'POST', path, { token });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: 'user_cancelled' });
    const update = await recorder.waitFor('payment_status_update:v1');
    expect(update).toMatchObject({
      status: 'cancelled',
      metadata: { reason: 'user_cancelled' },
      transactionType: 'deposit',
    });
    expect((await postIpn(t.url, signedIpn(t.server, deposit))).status).toBe(204);
    const completed = await recorder.waitFor('deposit_completed:v1');
    expect(completed).toMatchObject({
      transactionId: deposit.transactionId,
      newBalance: 20_000,
      seq: 2,
    });
    expect((await api(t.url, 'POST', path, { token })).status).toBe(409);
  });

  it('expires a pending deposit (failed expired) and still credits a late success', async () => {
    t = await startTestServer({ depositTtlMs: 150 });
    const token = await login(t.url, 'alice');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    const deposit = await createDeposit(t.url, token, 30_000);
    const expired = await recorder.waitFor(
      'payment_status_update:v1',
      (e) => e.status === 'failed',
    );
    expect(expired).toMatchObject({
      transactionId: deposit.transactionId,
      metadata: { reason: 'expired' },
    });
    const snapshot = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      { token },
    );
    expect(snapshot.body).toMatchObject({ status: 'failed', reason: 'expired' });
    expect((await postIpn(t.url, signedIpn(t.server, deposit, { resultCode: 1005 }))).status).toBe(
      204,
    );
    expect((await postIpn(t.url, signedIpn(t.server, deposit))).status).toBe(204);
    expect(await recorder.waitFor('deposit_completed:v1')).toMatchObject({ newBalance: 30_000 });
    const declined = await postIpn(t.url, signedIpn(t.server, deposit, { resultCode: 1006 }));
    expect(declined.status).toBe(409);
  });

  it('confirms a deposit without MoMo in development', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token, 40_000);
    const confirmed = await api(t.url, 'POST', '/api/v1/payment/confirm-deposit', {
      token,
      body: { transactionId: deposit.transactionId },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'completed', newBalance: 40_000 });
    const again = await api(t.url, 'POST', '/api/v1/payment/confirm-deposit', {
      token,
      body: { transactionId: deposit.transactionId },
    });
    expect(again.body).toMatchObject({ status: 'completed', newBalance: 40_000 });
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).body).toMatchObject({
      balance: 40_000,
    });
  });

  it('completes a withdrawal shortly after and refuses more than the balance', async () => {
    t = await startTestServer({ withdrawalDelayMs: 50 });
    const token = await login(t.url, 'alice');
    const { socket, recorder } = await connectClient(t.url, { token });
    t.track(socket);
    const deposit = await createDeposit(t.url, token, 100_000);
    await postIpn(t.url, signedIpn(t.server, deposit));
    const tooMuch = await api(t.url, 'POST', '/api/v1/payment/withdraw', {
      token,
      body: { amount: 200_000 },
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ error: { code: 'INSUFFICIENT_FUNDS' } });
    const withdrawal = await api(t.url, 'POST', '/api/v1/payment/withdraw', {
      token,
      body: { amount: 60_000 },
    });
    expect(withdrawal.status).toBe(201);
    expect(withdrawal.body).toMatchObject({
      type: 'withdrawal',
      status: 'pending',
      amount: 60_000,
    });
    expect(withdrawal.body.paymentUrl).toBeUndefined();
    const second = await api(t.url, 'POST', '/api/v1/payment/withdraw', {
      token,
      body: { amount: 50_000 },
    });
    expect(second.status, 'the pending withdrawal already holds 60,000').toBe(409);
    const done = await recorder.waitFor('withdrawal_completed:v1');
    expect(done).toMatchObject({
      type: 'withdrawal_completed',
      transactionId: withdrawal.body.transactionId,
      amount: 60_000,
      newBalance: 40_000,
    });
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).body).toMatchObject({
      balance: 40_000,
    });
  });

  it('pages the history newest first with a cursor', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const other = await login(t.url, 'bob');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await createDeposit(t.url, token, 1_000 * (i + 1))).transactionId);
    await createDeposit(t.url, other, 9_000);
    const first = await api(t.url, 'GET', '/api/v1/payment/transactions?limit=2', { token });
    expect(first.body.items.map((i: { transactionId: string }) => i.transactionId)).toEqual([
      ids[4],
      ids[3],
    ]);
    const second = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions?limit=2&cursor=${first.body.nextCursor}`,
      { token },
    );
    expect(second.body.items.map((i: { transactionId: string }) => i.transactionId)).toEqual([
      ids[2],
      ids[1],
    ]);
    const last = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions?limit=2&cursor=${second.body.nextCursor}`,
      { token },
    );
    expect(last.body).toMatchObject({ nextCursor: null });
    expect(last.body.items.map((i: { transactionId: string }) => i.transactionId)).toEqual([
      ids[0],
    ]);
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'cursor=x1']) {
      expect(
        (await api(t.url, 'GET', `/api/v1/payment/transactions?${query}`, { token })).status,
        query,
      ).toBe(400);
    }
  });

  it('reports metrics with the seed fields', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const client = await connectClient(t.url, { token });
    t.track(client.socket);
    const deposit = await createDeposit(t.url, token);
    await postIpn(t.url, signedIpn(t.server, deposit));
    await postIpn(t.url, signedIpn(t.server, deposit));
    await client.recorder.waitFor('deposit_completed:v1');
    const metrics = await api(t.url, 'GET', '/metrics');
    expect(metrics.body).toMatchObject({
      activeConnections: 1,
      messagesProcessed: 1,
      roomCount: 1,
      ipnReceived: 2,
      ipnApplied: 1,
      ipnDuplicates: 1,
      sessionsStarted: 1,
    });
  });

  it('answers unknown routes with a JSON 404', async () => {
    t = await startTestServer();
    const result = await api(t.url, 'GET', '/api/v1/nope');
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
