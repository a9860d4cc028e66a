import { afterEach, describe, expect, it } from 'vitest';
import type { MockServerOptions } from '../src/index';
import { startMomoProxy, type MomoProxy } from './momoProxy';
import {
  api,
  connectClient,
  createDeposit,
  login,
  startTestServer,
  type EventRecorder,
  type TestServer,
} from './testServer';

let t: TestServer | undefined;
let proxy: MomoProxy | undefined;
afterEach(async () => {
  await t?.cleanup();
  await proxy?.close();
  t = proxy = undefined;
}, 30_000);

/** Short, so the tests run in seconds; the schedule's shape is the default one. */
const FAST: MockServerOptions = {
  reconcileAfterMs: 1000,
  reconcileMaxIntervalMs: 1000,
};

/** Failed queries are logged; where they are expected, the log stays out of the output. */
const quiet = () => {
  const warn = console.warn;
  console.warn = () => {};
  return () => {
    console.warn = warn;
  };
};

async function pay(url: string, orderId: string) {
  const response = await fetch(`${url}/mock-momo/pay/${orderId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ action: 'pay' }).toString(),
  });
  await response.text();
  expect(response.status).toBe(200);
}

const setIpnMode = async (url: string, body: unknown) =>
  expect((await api(url, 'POST', '/mock-momo/dev/ipn-mode', { body })).status).toBeLessThan(300);

type Counter =
  | 'ipnReceived'
  | 'ipnApplied'
  | 'ipnDuplicates'
  | 'ipnRejected'
  | 'depositsExpired'
  | 'reconcileQueries'
  | 'reconcileCredited'
  | 'reconcileFailures';
const metrics = async (url: string) =>
  (await api<Record<Counter, number>>(url, 'GET', '/metrics')).body;

const snapshot = async (url: string, token: string, id: string) =>
  (await api(url, 'GET', `/api/v1/payment/transactions/${id}`, { token })).body as {
    status: string;
    reason?: string;
    newBalance?: number;
  };

const completions = (recorder: EventRecorder, id: string) =>
  recorder.named('deposit_completed:v1').filter((event) => event.transactionId === id);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds (a condition reached over time, never a timing assertion). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('reconciliation of lost IPNs', { timeout: 40_000 }, () => {
  it('credits a paid deposit whose IPN was dropped, once, and not before the first query', async () => {
    const s = await startTestServer(FAST);
    t = s;
    const token = await login(s.url, 'alice');
    const { socket, recorder } = await connectClient(s.url, { token });
    s.track(socket);
    await setIpnMode(s.url, { mode: 'drop' });
    const deposit = await createDeposit(s.url, token, 120_000);
    await pay(s.url, deposit.transactionId);

    const event = await recorder.waitFor(
      'deposit_completed:v1',
      (e) => e.transactionId === deposit.transactionId,
    );
    expect(event).toMatchObject({ amount: 120_000, newBalance: 120_000 });
    expect(
      Date.parse(event.timestamp) - Date.parse(deposit.createdAt as string),
    ).toBeGreaterThanOrEqual(1000);
    // Two more schedule points pass: a completed deposit is not queried or credited again.
    await sleep(2500);
    expect(completions(recorder, deposit.transactionId)).toHaveLength(1);
    expect(await metrics(s.url)).toMatchObject({
      ipnReceived: 0,
      reconcileQueries: 1,
      reconcileCredited: 1,
      reconcileFailures: 0,
    });
    expect(await snapshot(s.url, token, deposit.transactionId)).toMatchObject({
      status: 'completed',
      newBalance: 120_000,
    });
  });

  it('a delayed IPN arriving after reconciliation answers 204 and changes nothing', async () => {
    const s = await startTestServer(FAST);
    t = s;
    const token = await login(s.url, 'bob');
    const { socket, recorder } = await connectClient(s.url, { token });
    s.track(socket);
    await setIpnMode(s.url, { mode: 'send', delayMs: 3000 });
    const deposit = await createDeposit(s.url, token, 30_000);
    await pay(s.url, deposit.transactionId);

    await recorder.waitFor(
      'deposit_completed:v1',
      (e) => e.transactionId === deposit.transactionId,
    );
    expect((await metrics(s.url)).ipnReceived).toBe(0);
    await until(async () => (await metrics(s.url)).ipnReceived === 1, 'the delayed IPN');
    expect(await metrics(s.url)).toMatchObject({
      ipnReceived: 1,
      ipnDuplicates: 1,
      ipnApplied: 0,
      ipnRejected: 0,
      reconcileCredited: 1,
    });
    // The notifier emits after the commit: anything the late IPN caused has been sent by now.
    await sleep(200);
    expect(completions(recorder, deposit.transactionId)).toHaveLength(1);
    expect((await api(s.url, 'GET', '/api/v1/wallet', { token })).body.balance).toBe(30_000);
  });

  it('twice-delivered IPNs and reconciliation together credit once', async () => {
    const s = await startTestServer(FAST);
    t = s;
    const token = await login(s.url, 'chi');
    const { socket, recorder } = await connectClient(s.url, { token });
    s.track(socket);
    await setIpnMode(s.url, { mode: 'twice' });
    const deposit = await createDeposit(s.url, token, 40_000);
    await pay(s.url, deposit.transactionId);
    await recorder.waitFor(
      'deposit_completed:v1',
      (e) => e.transactionId === deposit.transactionId,
    );
    await sleep(2500);
    expect(completions(recorder, deposit.transactionId)).toHaveLength(1);
    const counters = await metrics(s.url);
    expect(counters).toMatchObject({ ipnApplied: 1, ipnDuplicates: 1, reconcileCredited: 0 });
    expect((await api(s.url, 'GET', '/api/v1/wallet', { token })).body.balance).toBe(40_000);
  });

  it('keeps a deposit pending past expiry while MoMo is down, and credits it once MoMo is back', async () => {
    const restore = quiet();
    try {
      proxy = await startMomoProxy(() => `${t?.url}/mock-momo`);
      const s = await startTestServer({ ...FAST, depositTtlMs: 2000, momoEndpoint: proxy.url });
      t = s;
      const token = await login(s.url, 'dung');
      const { socket, recorder } = await connectClient(s.url, { token });
      s.track(socket);
      await setIpnMode(s.url, { mode: 'drop' });
      const deposit = await createDeposit(s.url, token, 50_000);
      proxy.mode = { kind: 'down' };
      await pay(s.url, deposit.transactionId);

      // Past expiry, and past queries at 1 s, at expiry (2 s) and after it.
      await until(async () => (await metrics(s.url)).reconcileFailures >= 3, 'failed queries');
      expect(Date.now()).toBeGreaterThan(Date.parse(deposit.expiresAt as string));
      expect(await snapshot(s.url, token, deposit.transactionId)).toMatchObject({
        status: 'pending',
      });
      expect((await metrics(s.url)).depositsExpired).toBe(0);

      // A failing gateway (HTTP 500) is no answer either.
      proxy.mode = { kind: 'error' };
      const failures = (await metrics(s.url)).reconcileFailures;
      await until(async () => (await metrics(s.url)).reconcileFailures > failures, 'a 500');
      expect((await snapshot(s.url, token, deposit.transactionId)).status).toBe('pending');

      proxy.mode = { kind: 'pass' };
      await recorder.waitFor(
        'deposit_completed:v1',
        (e) => e.transactionId === deposit.transactionId,
      );
      expect(await snapshot(s.url, token, deposit.transactionId)).toMatchObject({
        status: 'completed',
        newBalance: 50_000,
      });
      expect(await metrics(s.url)).toMatchObject({ reconcileCredited: 1, depositsExpired: 0 });
    } finally {
      restore();
    }
  });

  it('expires an unpaid deposit only after the query at expiry says it was not paid', async () => {
    proxy = await startMomoProxy(() => `${t?.url}/mock-momo`);
    const s = await startTestServer({ ...FAST, depositTtlMs: 1500, momoEndpoint: proxy.url });
    t = s;
    const token = await login(s.url, 'em');
    const deposit = await createDeposit(s.url, token, 10_000);
    await until(
      async () => (await snapshot(s.url, token, deposit.transactionId)).status === 'failed',
      'expiry',
    );
    expect(await snapshot(s.url, token, deposit.transactionId)).toMatchObject({
      status: 'failed',
      reason: 'expired',
    });
    const queries = proxy.calls.filter((path) => path === '/v2/gateway/api/query');
    // At 1 s (still waiting) and at expiry (1.5 s, still waiting: expired).
    expect(queries).toHaveLength(2);
    expect(await metrics(s.url)).toMatchObject({ depositsExpired: 1, reconcileQueries: 2 });
  });

  it('ignores answers about another amount or with an unknown code, logging them', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(String(message));
    try {
      proxy = await startMomoProxy(() => `${t?.url}/mock-momo`);
      const s = await startTestServer({ ...FAST, depositTtlMs: 1500, momoEndpoint: proxy.url });
      t = s;
      const token = await login(s.url, 'giang');
      const { socket, recorder } = await connectClient(s.url, { token });
      s.track(socket);
      await setIpnMode(s.url, { mode: 'drop' });
      const deposit = await createDeposit(s.url, token, 70_000);
      await pay(s.url, deposit.transactionId);

      proxy.mode = { kind: 'rewrite', rewrite: (body) => ({ ...body, amount: 7_000_000 }) };
      await until(async () => (await metrics(s.url)).reconcileFailures >= 1, 'a mismatch');
      proxy.mode = { kind: 'rewrite', rewrite: (body) => ({ ...body, resultCode: 4321 }) };
      const failures = (await metrics(s.url)).reconcileFailures;
      await until(async () => (await metrics(s.url)).reconcileFailures > failures, 'unknown code');
      expect(await snapshot(s.url, token, deposit.transactionId)).toMatchObject({
        status: 'pending',
      });
      expect(warnings.some((w) => w.includes('7000000') && w.includes(deposit.transactionId))).toBe(
        true,
      );
      expect(warnings.some((w) => w.includes('resultCode 4321'))).toBe(true);
      expect(completions(recorder, deposit.transactionId)).toHaveLength(0);

      proxy.mode = { kind: 'pass' };
      await recorder.waitFor(
        'deposit_completed:v1',
        (e) => e.transactionId === deposit.transactionId,
      );
      expect((await api(s.url, 'GET', '/api/v1/wallet', { token })).body.balance).toBe(70_000);
    } finally {
      console.warn = warn;
    }
  });

  it('asks once at expiry about a deposit the user cancelled, and credits it if it was paid', async () => {
    proxy = await startMomoProxy(() => `${t?.url}/mock-momo`);
    const s = await startTestServer({ ...FAST, depositTtlMs: 1500, momoEndpoint: proxy.url });
    t = s;
    const token = await login(s.url, 'khanh');
    const { socket, recorder } = await connectClient(s.url, { token });
    s.track(socket);
    await setIpnMode(s.url, { mode: 'drop' });
    const paid = await createDeposit(s.url, token, 60_000);
    const unpaid = await createDeposit(s.url, token, 20_000);
    for (const deposit of [paid, unpaid]) {
      const cancel = await api(
        s.url,
        'POST',
        `/api/v1/payment/deposit/${deposit.transactionId}/cancel`,
        { token },
      );
      expect(cancel.body).toMatchObject({ status: 'cancelled', reason: 'user_cancelled' });
    }
    // Paid in the MoMo app as the user cancelled; MoMo's IPN is lost.
    await pay(s.url, paid.transactionId);

    await recorder.waitFor('deposit_completed:v1', (e) => e.transactionId === paid.transactionId);
    expect(await snapshot(s.url, token, paid.transactionId)).toMatchObject({
      status: 'completed',
      newBalance: 60_000,
    });
    await sleep(2500);
    expect(await snapshot(s.url, token, unpaid.transactionId)).toMatchObject({
      status: 'cancelled',
      reason: 'user_cancelled',
    });
    // One query each, at expiry: no schedule of queries for a cancelled deposit.
    expect(proxy.calls.filter((path) => path === '/v2/gateway/api/query')).toHaveLength(2);
    expect(completions(recorder, paid.transactionId)).toHaveLength(1);
    expect(await metrics(s.url)).toMatchObject({ reconcileCredited: 1, depositsExpired: 0 });
  });

  it('reschedules pending deposits after a restart and credits them once', async () => {
    const s = await startTestServer({
      ...FAST,
      reconcileAfterMs: 1500,
      reconcileMaxIntervalMs: 1500,
    });
    t = s;
    const token = await login(s.url, 'hai');
    await setIpnMode(s.url, { mode: 'drop' });
    const deposit = await createDeposit(s.url, token, 90_000);
    await pay(s.url, deposit.transactionId);
    await s.stop();
    expect(s.server.service.getMetrics().reconcileQueries).toBe(0);
    // Down past the first query time: the new process queries at once on start.
    await sleep(1600);
    await s.restart();

    await until(
      async () => (await snapshot(s.url, token, deposit.transactionId)).status === 'completed',
      'the credit after restart',
    );
    expect(s.server.service.getMetrics()).toMatchObject({ reconcileCredited: 1 });
    // The event log holds exactly one completion for it, replayed to a client from seq 0.
    const first = await connectClient(s.url, { token });
    s.track(first.socket);
    const { session } = first;
    const replayed = await connectClient(s.url, { token, epoch: session.epoch, lastSeq: 0 });
    s.track(replayed.socket);
    expect(completions(replayed.recorder, deposit.transactionId)).toHaveLength(1);
    expect((await api(s.url, 'GET', '/api/v1/wallet', { token })).body.balance).toBe(90_000);
  });
});
