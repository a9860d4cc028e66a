import { setupServer } from 'msw/node';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EVENTS,
  PAYMENT_EVENT_SCHEMAS,
  loginResponseSchema,
  parseEventName,
  sessionSchema,
  type PaymentEventKind,
} from '@paysocket/protocol';
import { createPaymentBackendMock } from '@paysocket/testing';

const URL_ = 'http://wire.test';
const backend = createPaymentBackendMock({ url: URL_, userId: 'u1', balance: 0 });
const server = setupServer(...backend.handlers);
const sockets: Socket[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  backend.reset();
});
afterAll(() => server.close());

interface Received {
  name: string;
  payload: unknown;
}

/** A bare socket.io-client, to see the wire exactly as the backend speaks it. */
function open(auth: Record<string, unknown> = {}) {
  const socket = io(URL_, { auth, forceNew: true, reconnection: false });
  sockets.push(socket);
  const received: Received[] = [];
  socket.onAny((name: string, payload: unknown) => received.push({ name, payload }));
  return { socket, received };
}

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

async function session(received: Received[]) {
  await waitFor(() => expect(received.map((r) => r.name)).toContain(EVENTS.session));
  return sessionSchema.parse(received.find((r) => r.name === EVENTS.session)?.payload);
}

/** Every payment event must pass the schema of its kind. */
function checkedEvents(received: Received[]) {
  return received
    .filter((r) => r.name !== EVENTS.session)
    .map(({ name, payload }) => {
      const kind = parseEventName(name)?.kind as PaymentEventKind;
      return PAYMENT_EVENT_SCHEMAS[kind].parse(payload);
    });
}

async function login(userId: string): Promise<string> {
  const response = await fetch(`${URL_}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return loginResponseSchema.parse(await response.json()).token;
}

function history() {
  const done = backend.createDeposit({ amount: 10_000 });
  const failed = backend.createDeposit({ amount: 20_000 });
  const cancelled = backend.createDeposit({ amount: 30_000 });
  const expired = backend.createDeposit({ amount: 40_000 });
  backend.completeDeposit(done.transactionId);
  backend.failDeposit(failed.transactionId, 'momo_1002');
  backend.cancelDeposit(cancelled.transactionId, 'declined');
  backend.expireDeposit(expired.transactionId);
  return 4;
}

describe('handshake and session:v1', () => {
  it('stays on long-polling and sends a valid session:v1 right after connect', async () => {
    const { socket, received } = open();
    const info = await session(received);
    expect(info).toMatchObject({ userId: 'u1', epoch: backend.epoch, lastSeq: 0, gap: false });
    expect(Math.abs(Date.parse(info.serverTime) - Date.now())).toBeLessThan(60_000);
    expect(socket.connected).toBe(true);
    expect(socket.io.engine.transport.name).toBe('polling');
  });

  it('refuses a handshake with message UNAUTHORIZED and data.code, then lets the next in', async () => {
    backend.rejectAuth('TOKEN_EXPIRED', { times: 1 });
    const refused = open({ token: 'anything' });
    const error = await new Promise<Error & { data?: unknown }>((resolve) =>
      refused.socket.on('connect_error', resolve),
    );
    expect(error.message).toBe('UNAUTHORIZED');
    expect(error.data).toEqual({ code: 'TOKEN_EXPIRED' });
    expect(refused.received).toEqual([]);
    const next = open({ token: 'anything' });
    await session(next.received);
  });
});

describe('events', () => {
  it('stamps each event with the next seq of its user and a unique eventId, valid by schema', async () => {
    const { received } = open();
    await session(received);
    const count = history();
    await waitFor(() => expect(received).toHaveLength(1 + count));
    const events = checkedEvents(received);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
    expect(events.map((e) => [e.type, 'status' in e ? e.status : 'completed'])).toEqual([
      ['deposit_completed', 'completed'],
      ['payment_status_update', 'failed'],
      ['payment_status_update', 'cancelled'],
      ['payment_status_update', 'failed'],
    ]);
    const reasons = events.map((e) =>
      e.type === 'payment_status_update' ? e.metadata?.reason : null,
    );
    expect(reasons.slice(1)).toEqual(['momo_1002', 'declined', 'expired']);
  });

  it('sends withdrawals as the schemas say: pending, then withdrawal_completed', async () => {
    const { received } = open();
    await session(received);
    const deposit = backend.createDeposit({ amount: 10_000 });
    backend.completeDeposit(deposit.transactionId);
    const withdrawal = backend.createWithdrawal({ amount: 4_000 });
    backend.completeWithdrawal(withdrawal.transactionId);
    await waitFor(() => expect(received).toHaveLength(4));
    expect(checkedEvents(received).slice(1)).toMatchObject([
      { type: 'payment_status_update', status: 'pending', transactionType: 'withdrawal', seq: 2 },
      { type: 'withdrawal_completed', newBalance: 6_000, seq: 3 },
    ]);
  });

  it('sendRaw sends any JSON as it is, and refuses binary', async () => {
    const { received } = open();
    await session(received);
    backend.sendRaw('deposit_completed:v1', { type: 'deposit_completed', amount: 'lots' });
    backend.sendRaw('anything', [1, null, 'two']);
    await waitFor(() => expect(received).toHaveLength(3));
    expect(received.slice(1)).toEqual([
      { name: 'deposit_completed:v1', payload: { type: 'deposit_completed', amount: 'lots' } },
      { name: 'anything', payload: [1, null, 'two'] },
    ]);
    expect(() => backend.sendRaw('bytes', new Uint8Array([1, 2]))).toThrow(/binary/);
  });

  it('replays what came after the handshake lastSeq, in order, before session:v1', async () => {
    const count = history();
    const { received } = open({ epoch: backend.epoch, lastSeq: 1 });
    const info = await session(received);
    expect(received.at(-1)?.name).toBe(EVENTS.session);
    expect(checkedEvents(received).map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(info).toMatchObject({ lastSeq: count, gap: false });
  });

  it('replays nothing without a lastSeq, and reports a gap for another epoch', async () => {
    history();
    const fresh = open({});
    expect(await session(fresh.received)).toMatchObject({ lastSeq: 4, gap: false });
    expect(fresh.received).toHaveLength(1);
    const stale = open({ epoch: 'some-other-log', lastSeq: 2 });
    expect(await session(stale.received)).toMatchObject({ lastSeq: 4, gap: true });
    expect(stale.received).toHaveLength(1);
  });

  it('keeps users apart: a token from the login route is its user, with its own seq', async () => {
    const u1 = open({ token: await login('u1') });
    const u2 = open({ token: await login('u2') });
    expect(await session(u2.received)).toMatchObject({ userId: 'u2', lastSeq: 0 });
    expect(await session(u1.received)).toMatchObject({ userId: 'u1' });
    const mine = backend.createDeposit({ amount: 1_000, userId: 'u2' });
    const theirs = backend.createDeposit({ amount: 2_000 });
    backend.completeDeposit(theirs.transactionId);
    backend.completeDeposit(mine.transactionId);
    await waitFor(() => expect(u2.received).toHaveLength(2));
    await waitFor(() => expect(u1.received).toHaveLength(2));
    expect(checkedEvents(u2.received)).toMatchObject([
      { transactionId: mine.transactionId, seq: 1 },
    ]);
    expect(checkedEvents(u1.received)).toMatchObject([
      { transactionId: theirs.transactionId, seq: 1 },
    ]);
  });

  it('logout disconnects that user (io server disconnect) and refuses the token after', async () => {
    const token = await login('u3');
    const before = open({ token });
    await session(before.received);
    const reason = new Promise((resolve) => before.socket.on('disconnect', resolve));
    const logout = await fetch(`${URL_}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect(await reason).toBe('io server disconnect');
    const after = open({ token });
    const error = await new Promise<Error & { data?: unknown }>((resolve) =>
      after.socket.on('connect_error', resolve),
    );
    expect(error.data).toEqual({ code: 'UNAUTHORIZED' });
  });
});
