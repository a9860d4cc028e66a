import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'libsql';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '@paysocket/protocol';
import {
  PaymentNotifier,
  SqliteEventLog,
  createSocketAuthMiddleware,
  signAccessToken,
  verifyAccessToken,
  type EventLog,
  type ReplayResult,
} from '../src/index';

const secret = 'notifier-test-secret-of-32-characters!';

let io: Server;
let url: string;
let log: SqliteEventLog;
let notifier: PaymentNotifier;
let sockets: ClientSocket[] = [];

/** An event log whose replay waits until the test lets it go, as an asynchronous store would. */
class SlowReplayLog implements EventLog {
  release: () => void = () => undefined;
  started: Promise<void>;
  #markStarted: () => void = () => undefined;
  constructor(readonly inner: SqliteEventLog) {
    this.started = new Promise((resolve) => (this.#markStarted = resolve));
  }
  get epoch() {
    return this.inner.epoch;
  }
  transaction: EventLog['transaction'] = (work) => this.inner.transaction(work);
  append: EventLog['append'] = (...args) => this.inner.append(...args);
  lastSeq = (userId: string) => this.inner.lastSeq(userId);
  async replay(userId: string, afterSeq: number): Promise<ReplayResult> {
    const result = this.inner.replay(userId, afterSeq);
    this.#markStarted();
    await new Promise<void>((resolve) => (this.release = resolve));
    return result;
  }
}

async function start(eventLog: EventLog) {
  const http = createServer();
  io = new Server(http);
  io.use(createSocketAuthMiddleware({ verifyToken: (token) => verifyAccessToken(token, secret) }));
  notifier = new PaymentNotifier({ io, eventLog });
  notifier.attach();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

function client(userId: string, auth: Record<string, unknown> = {}) {
  return signAccessToken(userId, secret).then((token) => {
    const socket = connect(url, {
      transports: ['websocket'],
      auth: { token, ...auth },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    const received: Array<
      [string, { seq?: number; transactionId?: string } & Partial<SessionInfo>]
    > = [];
    socket.onAny((name: string, payload: (typeof received)[number][1]) => {
      received.push([name, payload]);
    });
    const session = new Promise<SessionInfo>((resolve) => socket.once('session:v1', resolve));
    return { socket, received, session };
  });
}

const deposit = (transactionId: string, newBalance: number) => ({
  transactionId,
  amount: 1000,
  newBalance,
  message: 'Nạp tiền thành công 1.000 VND',
});

beforeEach(() => {
  log = new SqliteEventLog(new Database(':memory:'));
}, 30_000);
afterEach(async () => {
  for (const socket of sockets) socket.disconnect();
  sockets = [];
  await new Promise<void>((resolve) => io.close(() => resolve()));
}, 30_000);

describe('PaymentNotifier', { timeout: 30_000 }, () => {
  it('stamps type, eventId, seq and timestamp, and emits only after the transaction commits', async () => {
    await start(log);
    const alice = await client('alice');
    await alice.session;
    const to = io.to.bind(io);
    let roomEmits = 0;
    io.to = (room) => {
      roomEmits += 1;
      return to(room);
    };
    const event = log.transaction((tx) => {
      const stamped = notifier.depositCompleted('alice', deposit('t1', 1000), tx);
      expect(roomEmits, 'nothing is emitted inside the transaction').toBe(0);
      return stamped;
    });
    expect(roomEmits).toBe(1);
    expect(event).toMatchObject({
      type: 'deposit_completed',
      transactionId: 't1',
      seq: 1,
      eventId: expect.any(String),
      timestamp: expect.any(String),
    });
    const received = await new Promise((resolve) =>
      alice.socket.once('deposit_completed:v1', resolve),
    );
    expect(received).toEqual(event);
  });

  it('emits nothing and logs nothing when the caller rolls back', async () => {
    await start(log);
    const alice = await client('alice');
    await alice.session;
    expect(() =>
      log.transaction((tx) => {
        notifier.depositCompleted('alice', deposit('rolled-back', 1000), tx);
        throw new Error('credit failed');
      }),
    ).toThrow('credit failed');
    notifier.depositCompleted('alice', deposit('marker', 1000));
    await new Promise((resolve) => alice.socket.once('deposit_completed:v1', resolve));
    expect(alice.received.map(([name, p]) => [name, p.transactionId, p.seq])).toEqual([
      ['session:v1', undefined, undefined],
      ['deposit_completed:v1', 'marker', 1],
    ]);
  });

  it('refuses an event that fails its schema, appending nothing', async () => {
    await start(log);
    expect(() =>
      notifier.depositCompleted('alice', { ...deposit('t1', 1000), amount: -5 }),
    ).toThrow(/invalid deposit_completed:v1 event: amount/);
    expect(() =>
      notifier.paymentStatusUpdate('', {
        transactionId: 't',
        status: 'failed',
        amount: 1,
        transactionType: 'deposit',
        message: '',
      }),
    ).toThrow(/userId/);
    expect(log.lastSeq('alice')).toBe(0);
  });

  it('holds live events during a slow replay and sends them after it, before session:v1', async () => {
    const slow = new SlowReplayLog(log);
    await start(slow);
    notifier.depositCompleted('alice', deposit('missed-1', 1000));
    notifier.depositCompleted('alice', deposit('missed-2', 2000));
    const live = await client('alice');
    await live.session;
    const resuming = await client('alice', { epoch: log.epoch, lastSeq: 1 });
    await slow.started;
    notifier.depositCompleted('alice', deposit('during-replay', 3000));
    await new Promise((resolve) => live.socket.once('deposit_completed:v1', resolve));
    expect(resuming.received).toEqual([]);
    slow.release();
    const session = await resuming.session;
    expect(
      resuming.received.map(([name, p]) => [name, p.transactionId ?? null, p.seq ?? p.lastSeq]),
    ).toEqual([
      ['deposit_completed:v1', 'missed-2', 2],
      ['deposit_completed:v1', 'during-replay', 3],
      ['session:v1', null, 3],
    ]);
    expect(session).toMatchObject({ userId: 'alice', epoch: log.epoch, gap: false });
  });

  it('emits each kind under its own name and replays all three to a resuming client', async () => {
    await start(log);
    const live = await client('alice');
    await live.session;
    notifier.depositCompleted('alice', deposit('d1', 1000));
    notifier.withdrawalCompleted('alice', {
      transactionId: 'w1',
      amount: 500,
      newBalance: 500,
      message: 'Rút tiền thành công',
    });
    notifier.paymentStatusUpdate('alice', {
      transactionId: 'd2',
      status: 'cancelled',
      amount: 2000,
      transactionType: 'deposit',
      message: 'Đã huỷ',
      metadata: { reason: 'declined' },
    });
    const expected = [
      ['deposit_completed:v1', 'd1', 1],
      ['withdrawal_completed:v1', 'w1', 2],
      ['payment_status_update:v1', 'd2', 3],
    ];
    await vi.waitFor(() => expect(live.received).toHaveLength(4));
    const payments = (received: typeof live.received) =>
      received
        .filter(([name]) => name !== 'session:v1')
        .map(([name, p]) => [name, p.transactionId, p.seq]);
    expect(payments(live.received)).toEqual(expected);
    const resuming = await client('alice', { epoch: log.epoch, lastSeq: 0 });
    expect(await resuming.session).toMatchObject({ lastSeq: 3, gap: false });
    expect(payments(resuming.received)).toEqual(expected);
  });

  it.each([
    ['a negative lastSeq', { lastSeq: -1 }, false],
    ['a lastSeq that is a string', { lastSeq: '0' }, false],
    ['a fractional lastSeq', { lastSeq: 0.5 }, false],
    // A lastSeq of no known epoch: the client may have missed anything.
    ['an epoch that is not a string', { epoch: 7, lastSeq: 0 }, true],
  ])('replays nothing for %s', async (_name, auth, gap) => {
    await start(log);
    notifier.depositCompleted('alice', deposit('d1', 1000));
    const resuming = await client('alice', { epoch: log.epoch, ...auth });
    expect(await resuming.session).toMatchObject({ lastSeq: 1, gap });
    expect(resuming.received.map(([name]) => name)).toEqual(['session:v1']);
  });

  it('disconnects every socket of one user', async () => {
    await start(log);
    const a = await client('alice');
    const b = await client('bob');
    await Promise.all([a.session, b.session]);
    const gone = new Promise((resolve) => a.socket.once('disconnect', resolve));
    notifier.disconnectUser('alice');
    expect(await gone).toBe('io server disconnect');
    expect(b.socket.connected).toBe(true);
  });
});
