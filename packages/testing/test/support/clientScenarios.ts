import { describe, expect, it, vi } from 'vitest';
import type { PaymentSocketClient, PaymentSocketError } from '@paysocket/client';
import type { DepositCompletedEvent, PaymentStatusUpdateEvent } from '@paysocket/protocol';
import {
  caughtUp,
  createClient,
  eventually,
  flush,
  USER_ID,
  useBackendMock,
  API_URL,
  type MswHost,
} from './harness';

interface Recorded {
  completed: DepositCompletedEvent[];
  updates: PaymentStatusUpdateEvent[];
  errors: PaymentSocketError[];
}

function record(client: PaymentSocketClient): Recorded {
  const recorded: Recorded = { completed: [], updates: [], errors: [] };
  client.on('deposit_completed', (e) => recorded.completed.push(e));
  client.on('payment_status_update', (e) => {
    if (!e.transactionId.startsWith('marker-')) recorded.updates.push(e);
  });
  client.on('error', (e) => recorded.errors.push(e));
  return recorded;
}

async function connected(options?: Parameters<typeof createClient>[0]) {
  const client = createClient(options);
  const recorded = record(client);
  client.setUser(USER_ID);
  await caughtUp(client);
  // A first connection is caught up once its look-ups end; session:v1 may still be on its way.
  await eventually(() => expect(client.getState().epoch).not.toBeNull());
  return { client, recorded };
}

/**
 * The real PaymentSocketClient against the mock backend, unchanged: the same scenarios run in
 * every environment that imports this (Node, jsdom, Chromium).
 */
export function describeClientAgainstBackendMock(host: MswHost): void {
  const backend = useBackendMock(host);

  describe('connection', () => {
    it('connects over polling and adopts the session:v1 epoch and lastSeq', async () => {
      const { client, recorded } = await connected();
      expect(client.getState()).toMatchObject({
        status: 'connected',
        userId: USER_ID,
        epoch: backend.epoch,
        lastSeq: 0,
        caughtUp: true,
      });
      expect(backend.connectionCount()).toBe(1);
      expect(recorded.errors).toEqual([]);
    });

    it("cookie mode: after the login route, the connection is that user's", async () => {
      const login = await fetch(`${API_URL}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'u2' }),
      });
      expect(login.status).toBe(200);
      const client = createClient({ auth: 'cookie' });
      const recorded = record(client);
      client.setUser('u2');
      await caughtUp(client);
      const theirs = backend.createDeposit({ amount: 7_000, userId: 'u2' });
      const other = backend.createDeposit({ amount: 8_000 });
      backend.completeDeposit(other.transactionId);
      backend.completeDeposit(theirs.transactionId);
      await eventually(() => expect(recorded.completed).toHaveLength(1));
      await flush(backend, client);
      expect(recorded.completed).toMatchObject([{ transactionId: theirs.transactionId, seq: 1 }]);
    });

    it('closes its connection on disconnect(), and the backend sees it go', async () => {
      const { client } = await connected();
      client.disconnect();
      expect(client.getState().status).toBe('idle');
      await eventually(() => expect(backend.connectionCount()).toBe(0));
    });
  });

  describe('delivery', () => {
    it('delivers completeDeposit to on("deposit_completed") once, with eventId and seq', async () => {
      const { client, recorded } = await connected();
      const deposit = backend.createDeposit({ amount: 100_000 });
      const sent = backend.completeDeposit(deposit.transactionId);
      await eventually(() => expect(recorded.completed).toHaveLength(1));
      await flush(backend, client);
      expect(recorded.completed).toEqual([sent]);
      expect(sent).toMatchObject({
        transactionId: deposit.transactionId,
        amount: 100_000,
        newBalance: 100_000,
        seq: 1,
        eventId: expect.any(String),
      });
      expect(client.getState().lastSeq).toBe(1);
      expect(client.getTransaction(deposit.transactionId)).toMatchObject({ status: 'completed' });
    });

    it('settles a watch, and REST agrees with what the socket said', async () => {
      const { client } = await connected();
      const deposit = backend.createDeposit({ amount: 250_000 });
      const watch = client.watchTransaction(deposit.transactionId, { timeoutMs: 10_000 });
      backend.completeDeposit(deposit.transactionId, { providerTransactionId: 'MOMO-TX-1' });
      const result = await watch;
      expect(result).toMatchObject({ status: 'completed' });
      const rest = await fetch(`${API_URL}/api/v1/payment/transactions/${deposit.transactionId}`);
      expect(await rest.json()).toMatchObject({
        status: 'completed',
        newBalance: 250_000,
        providerTransactionId: 'MOMO-TX-1',
      });
      const wallet = await fetch(`${API_URL}/api/v1/wallet`);
      expect(await wallet.json()).toEqual({ userId: USER_ID, balance: 250_000, currency: 'VND' });
    });

    it('reports failures, cancels and expiries with their reasons, and a late success', async () => {
      const { client, recorded } = await connected();
      const failed = backend.createDeposit({ amount: 10_000 });
      const cancelled = backend.createDeposit({ amount: 20_000 });
      const expired = backend.createDeposit({ amount: 30_000 });
      const watches = [failed, cancelled, expired].map((d) =>
        client.watchTransaction(d.transactionId),
      );
      backend.failDeposit(failed.transactionId, 'insufficient_funds');
      backend.cancelDeposit(cancelled.transactionId);
      backend.expireDeposit(expired.transactionId);
      expect(await Promise.all(watches)).toMatchObject([
        { status: 'failed', reason: 'insufficient_funds' },
        { status: 'cancelled', reason: 'user_cancelled' },
        { status: 'failed', reason: 'expired' },
      ]);
      // Money taken must be credited: MoMo's success still completes the expired deposit.
      backend.completeDeposit(expired.transactionId);
      await eventually(() => expect(recorded.completed).toHaveLength(1));
      expect(client.getTransaction(expired.transactionId)).toMatchObject({ status: 'completed' });
      // Each outcome once, whether the socket or the watch's look-up brought it first.
      expect(recorded.updates.map((u) => [u.transactionId, u.status])).toEqual([
        [failed.transactionId, 'failed'],
        [cancelled.transactionId, 'cancelled'],
        [expired.transactionId, 'failed'],
      ]);
      expect(backend.getBalance()).toBe(30_000);
    });

    it('announces a withdrawal as pending, then delivers withdrawal_completed', async () => {
      const { client, recorded } = await connected();
      const deposit = backend.createDeposit({ amount: 80_000 });
      backend.completeDeposit(deposit.transactionId);
      const withdrawal = backend.createWithdrawal({ amount: 30_000 });
      await eventually(() => expect(recorded.updates).toHaveLength(1));
      expect(recorded.updates[0]).toMatchObject({
        transactionId: withdrawal.transactionId,
        status: 'pending',
        transactionType: 'withdrawal',
      });
      const completed: unknown[] = [];
      client.on('withdrawal_completed', (e) => completed.push(e));
      const sent = backend.completeWithdrawal(withdrawal.transactionId);
      await eventually(() => expect(completed).toHaveLength(1));
      await flush(backend, client);
      expect(completed).toEqual([sent]);
      // Already final: a watch settles at once, with the event that made it so.
      expect(await client.watchTransaction(withdrawal.transactionId)).toEqual({
        status: 'completed',
        event: sent,
        reason: undefined,
      });
      expect(sent).toMatchObject({ newBalance: 50_000, seq: 3 });
    });

    it('ignores a newer event version and keeps delivering', async () => {
      const { client, recorded } = await connected();
      backend.sendRaw('deposit_completed:v2', { anything: true });
      const deposit = backend.createDeposit({ amount: 5_000 });
      backend.completeDeposit(deposit.transactionId);
      await eventually(() => expect(recorded.completed).toHaveLength(1));
      await flush(backend, client);
      expect(recorded.errors).toEqual([]);
    });

    it('reports a malformed payload from sendRaw as INVALID_EVENT and carries on', async () => {
      const { client, recorded } = await connected();
      backend.sendRaw('deposit_completed:v1', { type: 'deposit_completed', amount: 'lots' });
      await eventually(() => expect(recorded.errors.map((e) => e.code)).toEqual(['INVALID_EVENT']));
      expect(recorded.completed).toEqual([]);
      expect(client.getState().status).toBe('connected');
      const deposit = backend.createDeposit({ amount: 5_000 });
      backend.completeDeposit(deposit.transactionId);
      await eventually(() => expect(recorded.completed).toHaveLength(1));
    });
  });

  describe('reconnect', () => {
    it('after dropConnection, replays exactly what completed while away, once', async () => {
      const { client, recorded } = await connected();
      const before = backend.createDeposit({ amount: 1_000 });
      backend.completeDeposit(before.transactionId);
      await eventually(() => expect(client.getState().lastSeq).toBe(1));

      backend.dropConnection();
      expect(backend.connectionCount()).toBe(0);
      const away = [2_000, 3_000].map((amount) => backend.createDeposit({ amount }));
      const sent = away.map((d) => backend.completeDeposit(d.transactionId));

      await eventually(() => expect(client.getMetrics().reconnects).toBe(1));
      await caughtUp(client);
      await flush(backend, client);
      expect(recorded.completed.map((e) => e.transactionId)).toEqual([
        before.transactionId,
        ...sent.map((e) => e.transactionId),
      ]);
      expect(recorded.completed.slice(1)).toEqual(sent);
      expect(client.getState().lastSeq).toBe(3);
      expect(client.getMetrics().duplicatesDropped).toBe(0);
    });

    it('after reset (a lost log), reconnects and adopts the new epoch', async () => {
      const { client } = await connected();
      const epoch = backend.epoch;
      backend.reset();
      expect(backend.epoch).not.toBe(epoch);
      await eventually(() => expect(client.getMetrics().reconnects).toBe(1));
      await caughtUp(client);
      expect(client.getState()).toMatchObject({ epoch: backend.epoch, lastSeq: 0 });
    });
  });

  describe('auth', () => {
    it('rejectAuth: a static token ends unauthorized with AUTH_FAILED and data.code', async () => {
      backend.rejectAuth('TOKEN_EXPIRED');
      const client = createClient({ auth: { token: 'stale' } });
      const recorded = record(client);
      client.setUser(USER_ID);
      await eventually(() => expect(client.getState().status).toBe('unauthorized'));
      expect(recorded.errors.map((e) => e.code)).toEqual(['AUTH_FAILED']);
      const cause = recorded.errors[0]?.cause as { message: string; data: unknown };
      expect(cause.message).toBe('UNAUTHORIZED');
      expect(cause.data).toEqual({ code: 'TOKEN_EXPIRED' });
    });

    it('rejectAuth: a token provider is asked once with forceRefresh, then stops', async () => {
      backend.rejectAuth('TOKEN_EXPIRED');
      const token = vi.fn(() => 'token');
      const client = createClient({ auth: { token } });
      client.setUser(USER_ID);
      await eventually(() => expect(client.getState().status).toBe('unauthorized'));
      expect(token.mock.calls).toEqual([[{ forceRefresh: false }], [{ forceRefresh: true }]]);
    });

    it('rejectAuth({ times: 1 }): the refreshed token gets in', async () => {
      backend.rejectAuth('TOKEN_EXPIRED', { times: 1 });
      const token = vi.fn(({ forceRefresh }: { forceRefresh: boolean }) =>
        forceRefresh ? 'fresh' : 'stale',
      );
      const client = createClient({ auth: { token } });
      client.setUser(USER_ID);
      await caughtUp(client);
      expect(token).toHaveBeenCalledTimes(2);
    });

    it('rejectAuth in cookie mode: onAuthError is tried once, then unauthorized', async () => {
      backend.rejectAuth();
      const onAuthError = vi.fn(async () => {});
      const client = createClient({ onAuthError });
      client.setUser(USER_ID);
      await eventually(() => expect(client.getState().status).toBe('unauthorized'));
      expect(onAuthError).toHaveBeenCalledTimes(1);
    });

    it('a connected client that is dropped meets the refusal on its way back', async () => {
      const { client } = await connected({ auth: { token: 'token' } });
      backend.rejectAuth('TOKEN_EXPIRED');
      backend.dropConnection();
      await eventually(() => expect(client.getState().status).toBe('unauthorized'));
      backend.acceptAuth();
      client.connect();
      await caughtUp(client);
    });
  });
}
