import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOMO_IPN_SIGNED_FIELDS } from '@paysocket/server';
import {
  api,
  connectClient,
  createDeposit,
  login,
  postIpn,
  signedIpn,
  startTestServer,
  type EventRecorder,
  type TestServer,
} from './testServer';

let t: TestServer;
let token: string;
let recorder: EventRecorder;

beforeEach(async () => {
  t = await startTestServer();
  token = await login(t.url, 'alice');
  const client = await connectClient(t.url, { token });
  t.track(client.socket);
  recorder = client.recorder;
}, 30_000);
afterEach(async () => {
  await t.cleanup();
}, 30_000);

async function state(transactionId: string) {
  const [wallet, transaction] = await Promise.all([
    api(t.url, 'GET', '/api/v1/wallet', { token }),
    api(t.url, 'GET', `/api/v1/payment/transactions/${transactionId}`, { token }),
  ]);
  return {
    balance: wallet.body.balance as number,
    status: transaction.body.status as string,
    reason: transaction.body.reason as string | undefined,
    lastSeq: t.server.notifier.eventLog.lastSeq('alice') as number,
  };
}

/**
 * Proves no event is still on its way: a later deposit's completion arrives after anything
 * emitted before it, so once it is here, the recorder holds every earlier event.
 */
async function flushEvents() {
  const marker = await createDeposit(t.url, token, 1_000);
  expect((await postIpn(t.url, signedIpn(t.server, marker))).status).toBe(204);
  await recorder.waitFor('deposit_completed:v1', (e) => e.transactionId === marker.transactionId);
}

describe('MoMo IPN', { timeout: 30_000 }, () => {
  it('refuses an IPN with any one signed field tampered, changing nothing', async () => {
    const deposit = await createDeposit(t.url, token, 100_000);
    const before = await state(deposit.transactionId);
    for (const field of MOMO_IPN_SIGNED_FIELDS) {
      if (field === 'accessKey') continue;
      const ipn = signedIpn(t.server, deposit);
      const original = ipn[field];
      const tampered = typeof original === 'number' ? original + 1 : `${original}x`;
      const result = await postIpn(t.url, { ...ipn, [field]: tampered });
      expect(result.status, field).toBe(401);
      expect(result.body, field).toEqual({
        error: { code: 'INVALID_SIGNATURE', message: expect.any(String) },
      });
    }
    expect(await state(deposit.transactionId)).toEqual(before);
    const forged = signedIpn(t.server, deposit);
    const wrongAccessKey = await postIpn(t.url, { ...forged, accessKey: 'attacker' });
    expect(wrongAccessKey.status, 'accessKey in the body is ignored').toBe(204);
    expect(await state(deposit.transactionId)).toMatchObject({
      balance: 100_000,
      status: 'completed',
    });
    expect(before).toMatchObject({ balance: 0, status: 'pending', lastSeq: 0 });
  });

  it('refuses signatures that are missing, empty, of the wrong length, uppercase or not hex', async () => {
    const deposit = await createDeposit(t.url, token);
    const ipn = signedIpn(t.server, deposit);
    const { signature, ...unsigned } = ipn;
    const bad = [
      '',
      signature.slice(0, 63),
      `${signature}0`,
      signature.toUpperCase(),
      `${signature.slice(0, 63)}g`,
      'zz',
    ];
    expect((await postIpn(t.url, unsigned)).body).toMatchObject({ error: { code: 'INVALID_IPN' } });
    for (const value of bad) {
      const result = await postIpn(t.url, { ...ipn, signature: value });
      expect(result.status, value).toBe(401);
    }
    expect((await postIpn(t.url, { ...ipn, signature: 12 })).status).toBe(400);
    expect(await state(deposit.transactionId)).toMatchObject({
      balance: 0,
      status: 'pending',
      lastSeq: 0,
    });
  });

  it('refuses an amount or partnerCode mismatch and an unknown orderId', async () => {
    const deposit = await createDeposit(t.url, token, 100_000);
    const amount = await postIpn(t.url, signedIpn(t.server, deposit, { amount: 1_000 }));
    expect(amount.status).toBe(400);
    expect(amount.body).toMatchObject({ error: { code: 'AMOUNT_MISMATCH' } });
    const partner = await postIpn(t.url, signedIpn(t.server, deposit, { partnerCode: 'OTHER' }));
    expect(partner.body).toMatchObject({ error: { code: 'PARTNER_MISMATCH' } });
    const unknown = await postIpn(
      t.url,
      signedIpn(t.server, { transactionId: 'MOMO-unknown', amount: 100_000 }),
    );
    expect(unknown.status).toBe(404);
    expect(await state(deposit.transactionId)).toMatchObject({
      balance: 0,
      status: 'pending',
      lastSeq: 0,
    });
  });

  it('refuses integers beyond 2^53 instead of signing a rounded value', async () => {
    const deposit = await createDeposit(t.url, token);
    const ipn = signedIpn(t.server, deposit);
    const raw = JSON.stringify(ipn).replace('"transId":4088878653', '"transId":9007199254740993');
    const result = await api(t.url, 'POST', '/api/v1/payment/momo/callback', {
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: 'INVALID_IPN' } });
  });

  it('credits once when the same IPN is replayed', async () => {
    const deposit = await createDeposit(t.url, token, 50_000);
    const ipn = signedIpn(t.server, deposit);
    for (let i = 0; i < 3; i++) expect((await postIpn(t.url, ipn)).status).toBe(204);
    await flushEvents();
    expect(
      recorder
        .named('deposit_completed:v1')
        .filter((e) => e.transactionId === deposit.transactionId),
    ).toHaveLength(1);
    expect(await state(deposit.transactionId)).toMatchObject({
      balance: 51_000,
      status: 'completed',
      lastSeq: 2,
    });
  });

  it('credits once for 50 identical IPNs in parallel', async () => {
    const deposit = await createDeposit(t.url, token, 70_000);
    const ipn = signedIpn(t.server, deposit);
    const results = await Promise.all(Array.from({ length: 50 }, () => postIpn(t.url, ipn)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(204));
    await flushEvents();
    expect(
      recorder
        .named('deposit_completed:v1')
        .filter((e) => e.transactionId === deposit.transactionId),
    ).toHaveLength(1);
    expect(await state(deposit.transactionId)).toMatchObject({ balance: 71_000, lastSeq: 2 });
  });

  it('refuses a failure after success (409) and changes nothing', async () => {
    const deposit = await createDeposit(t.url, token, 10_000);
    await postIpn(t.url, signedIpn(t.server, deposit));
    const before = await state(deposit.transactionId);
    const failure = await postIpn(
      t.url,
      signedIpn(t.server, deposit, { resultCode: 1006, message: 'Giao dịch bị từ chối' }),
    );
    expect(failure.status).toBe(409);
    expect(failure.body).toMatchObject({ error: { code: 'CONFLICTING_RESULT' } });
    const pendingAfter = await postIpn(t.url, signedIpn(t.server, deposit, { resultCode: 7000 }));
    expect(pendingAfter.status).toBe(204);
    expect(await state(deposit.transactionId)).toEqual(before);
  });

  it('maps failure codes to status and reason and emits payment_status_update once per pending code', async () => {
    const deposit = await createDeposit(t.url, token, 10_000);
    expect((await postIpn(t.url, signedIpn(t.server, deposit, { resultCode: 7000 }))).status).toBe(
      204,
    );
    expect((await postIpn(t.url, signedIpn(t.server, deposit, { resultCode: 7000 }))).status).toBe(
      204,
    );
    expect((await postIpn(t.url, signedIpn(t.server, deposit, { resultCode: 1001 }))).status).toBe(
      204,
    );
    const failed = await recorder.waitFor('payment_status_update:v1', (e) => e.status === 'failed');
    expect(failed).toMatchObject({
      transactionId: deposit.transactionId,
      transactionType: 'deposit',
      metadata: { reason: 'insufficient_funds' },
    });
    expect(recorder.named('payment_status_update:v1').map((e) => e.status)).toEqual([
      'pending',
      'failed',
    ]);
    expect(await state(deposit.transactionId)).toMatchObject({
      status: 'failed',
      reason: 'insufficient_funds',
      balance: 0,
    });
    const unknownCode = await createDeposit(t.url, token, 10_000);
    await postIpn(t.url, signedIpn(t.server, unknownCode, { resultCode: 4242 }));
    expect(await state(unknownCode.transactionId)).toMatchObject({
      status: 'failed',
      reason: 'momo_4242',
    });
  });

  it('answers malformed JSON 400, a wrong content type 415 and an oversized body 413', async () => {
    const deposit = await createDeposit(t.url, token);
    const malformed = await api(t.url, 'POST', '/api/v1/payment/momo/callback', {
      rawBody: '{"orderId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    const wrongType = await api(t.url, 'POST', '/api/v1/payment/momo/callback', {
      rawBody: JSON.stringify(signedIpn(t.server, deposit)),
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const huge = await postIpn(t.url, {
      ...signedIpn(t.server, deposit),
      extraData: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await state(deposit.transactionId)).toMatchObject({
      status: 'pending',
      balance: 0,
      lastSeq: 0,
    });
  });
});
