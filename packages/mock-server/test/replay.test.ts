import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

function waitForDisconnect(socket: {
  once(event: 'disconnect', fn: () => void): unknown;
  disconnect(): unknown;
}) {
  return new Promise<void>((resolve) => {
    socket.once('disconnect', () => resolve());
    socket.disconnect();
  });
}

describe('replay on reconnect', { timeout: 30_000 }, () => {
  it('gives a client that was away both missed deposits, once each, then session:v1', async () => {
    const token = await login(t.url, 'alice');
    const first = await connectClient(t.url, { token });
    t.track(first.socket);
    const warmup = await createDeposit(t.url, token, 5_000);
    await postIpn(t.url, signedIpn(t.server, warmup));
    const seen = await first.recorder.waitFor('deposit_completed:v1');
    await waitForDisconnect(first.socket);

    const a = await createDeposit(t.url, token, 10_000);
    const b = await createDeposit(t.url, token, 20_000);
    expect((await postIpn(t.url, signedIpn(t.server, a))).status).toBe(204);
    expect((await postIpn(t.url, signedIpn(t.server, b))).status).toBe(204);

    const again = await connectClient(t.url, {
      token,
      epoch: first.session.epoch,
      lastSeq: seen.seq,
    });
    t.track(again.socket);
    const names = again.recorder.events.map((e) => e.name);
    expect(names).toEqual(['deposit_completed:v1', 'deposit_completed:v1', 'session:v1']);
    expect(
      again.recorder
        .named('deposit_completed:v1')
        .map((e) => [e.transactionId, e.seq, e.newBalance]),
    ).toEqual([
      [a.transactionId, 2, 15_000],
      [b.transactionId, 3, 35_000],
    ]);
    expect(again.session).toMatchObject({
      userId: 'alice',
      epoch: first.session.epoch,
      lastSeq: 3,
      gap: false,
    });
  });

  it('replays nothing without lastSeq and reports the current seq', async () => {
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token);
    await postIpn(t.url, signedIpn(t.server, deposit));
    const client = await connectClient(t.url, { token });
    t.track(client.socket);
    expect(client.recorder.events.map((e) => e.name)).toEqual(['session:v1']);
    expect(client.session).toMatchObject({ lastSeq: 1, gap: false });
  });

  it('tells a client of another epoch that it has a gap and replays nothing', async () => {
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token);
    await postIpn(t.url, signedIpn(t.server, deposit));
    const client = await connectClient(t.url, { token, epoch: 'some-lost-log', lastSeq: 0 });
    t.track(client.socket);
    expect(client.recorder.events.map((e) => e.name)).toEqual(['session:v1']);
    expect(client.session).toMatchObject({ lastSeq: 1, gap: true });
    expect(client.session.epoch).not.toBe('some-lost-log');
  });

  it("answers a client claiming a seq beyond the log with the log's own seq and a gap", async () => {
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token);
    await postIpn(t.url, signedIpn(t.server, deposit));
    const epoch = t.server.notifier.eventLog.epoch;
    const client = await connectClient(t.url, { token, epoch, lastSeq: 7 });
    t.track(client.socket);
    expect(client.recorder.events.map((e) => e.name)).toEqual(['session:v1']);
    expect(client.session).toMatchObject({ epoch, lastSeq: 1, gap: true });
  });

  it('keeps balances, history, idempotency and seq across a restart on the same database', async () => {
    const token = await login(t.url, 'alice');
    const first = await connectClient(t.url, { token });
    t.track(first.socket);
    const a = await createDeposit(t.url, token, 10_000);
    const ipnA = signedIpn(t.server, a);
    await postIpn(t.url, ipnA);
    const seen = await first.recorder.waitFor('deposit_completed:v1');
    const pending = await createDeposit(t.url, token, 20_000);
    await waitForDisconnect(first.socket);

    await t.stop();
    await t.restart();

    expect((await postIpn(t.url, ipnA)).status).toBe(204);
    expect((await postIpn(t.url, signedIpn(t.server, pending))).status).toBe(204);
    const again = await connectClient(t.url, {
      token,
      epoch: first.session.epoch,
      lastSeq: seen.seq,
    });
    t.track(again.socket);
    expect(again.session).toMatchObject({ epoch: first.session.epoch, lastSeq: 2, gap: false });
    expect(
      again.recorder
        .named('deposit_completed:v1')
        .map((e) => [e.transactionId, e.seq, e.newBalance]),
    ).toEqual([[pending.transactionId, 2, 30_000]]);
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).body).toMatchObject({
      balance: 30_000,
    });
    const history = await api(t.url, 'GET', '/api/v1/payment/transactions', { token });
    expect(history.body.items.map((item: { transactionId: string }) => item.transactionId)).toEqual(
      [pending.transactionId, a.transactionId],
    );
  });

  it('expires, after a restart, a deposit that was pending when the server stopped', async () => {
    await t.cleanup();
    t = await startTestServer({ depositTtlMs: 300 });
    const token = await login(t.url, 'alice');
    const deposit = await createDeposit(t.url, token, 10_000);
    const epoch = t.server.notifier.eventLog.epoch;
    await t.stop();
    await t.restart();
    const client = await connectClient(t.url, { token, epoch, lastSeq: 0 });
    t.track(client.socket);
    const expired = await client.recorder.waitFor(
      'payment_status_update:v1',
      (e) => e.status === 'failed',
    );
    expect(expired).toMatchObject({
      transactionId: deposit.transactionId,
      metadata: { reason: 'expired' },
      seq: 1,
    });
    expect((await postIpn(t.url, signedIpn(t.server, deposit))).status).toBe(204);
    expect(await client.recorder.waitFor('deposit_completed:v1')).toMatchObject({
      newBalance: 10_000,
      seq: 2,
    });
  });
});
