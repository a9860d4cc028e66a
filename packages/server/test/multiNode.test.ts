import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '@paysocket/protocol';
import {
  PaymentNotifier,
  RedisEventLog,
  createSocketAuthMiddleware,
  signAccessToken,
  verifyAccessToken,
  type AsyncEventLog,
  type ReplayResult,
} from '../src/index';
import { redisServerAvailable, startRedisServer, type RedisServer } from './support/redisServer';

const secret = 'multi-node-test-secret-of-32-characters!';
/** The channel every node subscribes to for `serverSideEmit`. */
const REQUEST_CHANNEL = 'socket.io-request#/#';

/** A Redis log whose replay waits, after reading, until the test lets it go. */
class SlowReplayLog implements AsyncEventLog {
  release: () => void = () => undefined;
  readonly started: Promise<void>;
  #markStarted: () => void = () => undefined;
  constructor(readonly inner: RedisEventLog) {
    this.started = new Promise((resolve) => (this.#markStarted = resolve));
  }
  get epoch() {
    return this.inner.epoch;
  }
  append: AsyncEventLog['append'] = (...args) => this.inner.append(...args);
  lastSeq = (userId: string) => this.inner.lastSeq(userId);
  async replay(userId: string, afterSeq: number): Promise<ReplayResult> {
    const result = await this.inner.replay(userId, afterSeq);
    const released = new Promise<void>((resolve) => (this.release = resolve));
    this.#markStarted();
    await released;
    return result;
  }
}

interface Node {
  url: string;
  log: RedisEventLog;
  notifier: PaymentNotifier<AsyncEventLog>;
  /** Holds back every pub/sub message to this node (relays from the others) until resumed. */
  pauseRelays(): void;
  resumeRelays(): void;
  stop(): Promise<void>;
}

type Received = Array<[string, { seq?: number; transactionId?: string } & Partial<SessionInfo>]>;

const deposit = (transactionId: string, newBalance = 1000) => ({
  transactionId,
  amount: 1000,
  newBalance,
  message: 'Nạp tiền thành công 1.000 VND',
});

const seen = (received: Received) =>
  received.map(([name, p]) => [name, p.transactionId ?? null, p.seq ?? p.lastSeq]);

describe.runIf(redisServerAvailable())('multi-node with Redis', { timeout: 30_000 }, () => {
  let redis: RedisServer;
  let admin: Redis;
  const running = new Set<Node>();
  const clients: Array<{ disconnect(): void }> = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
  }, 30_000);
  afterAll(async () => {
    admin?.disconnect();
    await redis?.stop();
  }, 30_000);
  beforeEach(async () => {
    await admin.flushall();
  });
  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.disconnect();
    for (const node of [...running]) await node.stop();
  }, 30_000);

  async function startNode(wrap?: (log: RedisEventLog) => AsyncEventLog): Promise<Node> {
    const pub = new Redis(redis.url);
    const sub = pub.duplicate();
    const http = createServer();
    const io = new Server(http, { adapter: createAdapter(pub, sub) });
    io.use(
      createSocketAuthMiddleware({ verifyToken: (token) => verifyAccessToken(token, secret) }),
    );
    const log = await RedisEventLog.open(pub);
    const notifier = new PaymentNotifier<AsyncEventLog>({
      io,
      eventLog: wrap ? wrap(log) : log,
      multiNode: true,
    });
    notifier.attach();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const node: Node = {
      url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      log,
      notifier,
      pauseRelays: () => sub.stream.pause(),
      resumeRelays: () => sub.stream.resume(),
      async stop() {
        running.delete(node);
        await io.close();
        pub.disconnect();
        sub.disconnect();
      },
    };
    running.add(node);
    // Relays published before a node has subscribed would never reach it.
    for (;;) {
      const [, subscribers] = (await admin.pubsub('NUMSUB', REQUEST_CHANNEL)) as [string, number];
      if (subscribers >= running.size) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return node;
  }

  async function client(node: Node, userId: string, auth: Record<string, unknown> = {}) {
    const token = await signAccessToken(userId, secret);
    const socket = connect(node.url, {
      transports: ['websocket'],
      auth: { token, ...auth },
      forceNew: true,
      reconnection: false,
    });
    clients.push(socket);
    const received: Received = [];
    socket.onAny((name: string, payload: Received[number][1]) => received.push([name, payload]));
    const session = new Promise<SessionInfo>((resolve) => socket.once('session:v1', resolve));
    /** Resolves once an event for `transactionId` has arrived. */
    const arrival = (transactionId: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (received.some(([, p]) => p.transactionId === transactionId)) {
            socket.offAny(check);
            resolve();
          }
        };
        socket.onAny(check);
        check();
      });
    return { socket, received, session, arrival };
  }

  it('delivers an event emitted on node A to the user on node B exactly once, and to nobody else', async () => {
    const a = await startNode();
    const b = await startNode();
    const alice = await client(b, 'alice');
    const bobOnA = await client(a, 'bob');
    const bobOnB = await client(b, 'bob');
    await Promise.all([alice.session, bobOnA.session, bobOnB.session]);

    const emitted = await a.notifier.depositCompleted('alice', deposit('t1'));
    expect(emitted).toMatchObject({ seq: 1, transactionId: 't1' });
    await alice.arrival('t1');
    // Events from one node reach another in order: once these markers arrive, any duplicate
    // of t1 or any stray copy to bob would have arrived before them.
    await a.notifier.depositCompleted('alice', deposit('alice-marker'));
    await a.notifier.depositCompleted('bob', deposit('bob-marker'));
    await Promise.all([
      alice.arrival('alice-marker'),
      bobOnA.arrival('bob-marker'),
      bobOnB.arrival('bob-marker'),
    ]);
    expect(alice.received.find(([name]) => name === 'deposit_completed:v1')?.[1]).toEqual(emitted);
    expect(seen(alice.received)).toEqual([
      ['session:v1', null, 0],
      ['deposit_completed:v1', 't1', 1],
      ['deposit_completed:v1', 'alice-marker', 2],
    ]);
    for (const bob of [bobOnA, bobOnB]) {
      expect(seen(bob.received)).toEqual([
        ['session:v1', null, 0],
        ['deposit_completed:v1', 'bob-marker', 1],
      ]);
    }
  });

  it('replays on node B what a client missed while node A emitted, in order and once, then session:v1', async () => {
    const a = await startNode();
    const b = await startNode();
    const first = await client(a, 'alice');
    const session = await first.session;
    await a.notifier.depositCompleted('alice', deposit('seen', 1000));
    await first.arrival('seen');
    first.socket.disconnect();

    await a.notifier.depositCompleted('alice', deposit('missed-1', 2000));
    await a.notifier.paymentStatusUpdate('alice', {
      transactionId: 'missed-2',
      status: 'failed',
      amount: 500,
      transactionType: 'withdrawal',
      message: 'Rút tiền thất bại',
      metadata: { reason: 'insufficient_balance' },
    });

    const back = await client(b, 'alice', { epoch: session.epoch, lastSeq: 1 });
    const resumed = await back.session;
    await a.notifier.depositCompleted('alice', deposit('marker'));
    await back.arrival('marker');
    expect(resumed).toMatchObject({
      userId: 'alice',
      epoch: session.epoch,
      lastSeq: 3,
      gap: false,
    });
    expect(seen(back.received)).toEqual([
      ['deposit_completed:v1', 'missed-1', 2],
      ['payment_status_update:v1', 'missed-2', 3],
      ['session:v1', null, 3],
      ['deposit_completed:v1', 'marker', 4],
    ]);
  });

  it('holds an event emitted on node A during a slow replay on node B, and sends it after the replay, once', async () => {
    const a = await startNode();
    let slow: SlowReplayLog | undefined;
    const b = await startNode((log) => (slow = new SlowReplayLog(log)));
    const watcher = await client(b, 'alice');
    await watcher.session;
    await a.notifier.depositCompleted('alice', deposit('missed-1'));
    await a.notifier.depositCompleted('alice', deposit('missed-2'));

    const resuming = await client(b, 'alice', { epoch: a.log.epoch, lastSeq: 1 });
    await slow?.started;
    await a.notifier.depositCompleted('alice', deposit('during-replay'));
    // The watcher on node B has it live, so node B has it too, and holds it for the replay.
    await watcher.arrival('during-replay');
    expect(resuming.received).toEqual([]);
    slow?.release();
    expect(await resuming.session).toMatchObject({ lastSeq: 3, gap: false });
    await a.notifier.depositCompleted('alice', deposit('after'));
    await resuming.arrival('after');
    expect(seen(resuming.received)).toEqual([
      ['deposit_completed:v1', 'missed-2', 2],
      ['deposit_completed:v1', 'during-replay', 3],
      ['session:v1', null, 3],
      ['deposit_completed:v1', 'after', 4],
    ]);
  });

  it('does not send live an event the replay on another node already covered', async () => {
    const a = await startNode();
    const b = await startNode();
    await a.notifier.depositCompleted('alice', deposit('seen'));
    b.pauseRelays();
    await a.notifier.depositCompleted('alice', deposit('stored-before-replay'));
    const resuming = await client(b, 'alice', { epoch: a.log.epoch, lastSeq: 1 });
    expect(await resuming.session).toMatchObject({ lastSeq: 2, gap: false });
    // The relay of the replayed event reaches node B only now, after session:v1.
    b.resumeRelays();
    await a.notifier.depositCompleted('alice', deposit('after'));
    await resuming.arrival('after');
    expect(seen(resuming.received)).toEqual([
      ['deposit_completed:v1', 'stored-before-replay', 2],
      ['session:v1', null, 2],
      ['deposit_completed:v1', 'after', 3],
    ]);
  });

  it('keeps seq strictly increasing per user when two nodes emit at once', async () => {
    const a = await startNode();
    const b = await startNode();
    const live = await client(a, 'alice');
    await live.session;
    const emits = [];
    for (let i = 0; i < 20; i += 1) {
      emits.push(a.notifier.depositCompleted('alice', deposit(`a-${i}`)));
      emits.push(b.notifier.depositCompleted('alice', deposit(`b-${i}`)));
    }
    const stamped = await Promise.all(emits);
    const bySeq = (x: { seq?: number }, y: { seq?: number }) => (x.seq ?? 0) - (y.seq ?? 0);
    const all = Array.from({ length: 40 }, (_, i) => i + 1);
    expect([...stamped].sort(bySeq).map((event) => event.seq)).toEqual(all);
    for (const node of [a, b]) {
      const own = stamped.filter((event) => event.transactionId.startsWith(node === a ? 'a' : 'b'));
      expect(own, 'one node numbers its own emits in call order').toEqual([...own].sort(bySeq));
    }

    await Promise.all(stamped.map((event) => live.arrival(event.transactionId)));
    const liveEvents = live.received.flatMap(([name, p]) =>
      name === 'deposit_completed:v1' ? [p] : [],
    );
    expect(liveEvents.sort(bySeq).map((event) => event.seq)).toEqual(all);

    const replayed = await client(b, 'alice', { epoch: b.log.epoch, lastSeq: 0 });
    await replayed.session;
    expect(seen(replayed.received)).toEqual([
      ...stamped
        .slice()
        .sort(bySeq)
        .map((event) => ['deposit_completed:v1', event.transactionId, event.seq]),
      ['session:v1', null, 40],
    ]);
  });

  it('keeps the epoch and the log in Redis across a node restart', async () => {
    const a = await startNode();
    const epoch = a.log.epoch;
    await a.notifier.depositCompleted('alice', deposit('before-restart'));
    await a.stop();

    const restarted = await startNode();
    expect(restarted.log.epoch).toBe(epoch);
    const back = await client(restarted, 'alice', { epoch, lastSeq: 0 });
    expect(await back.session).toMatchObject({ epoch, lastSeq: 1, gap: false });
    expect(seen(back.received)).toEqual([
      ['deposit_completed:v1', 'before-restart', 1],
      ['session:v1', null, 1],
    ]);
    expect(await restarted.notifier.depositCompleted('alice', deposit('after'))).toMatchObject({
      seq: 2,
    });
  });

  it('disconnects a user on every node', async () => {
    const a = await startNode();
    const b = await startNode();
    const aliceOnB = await client(b, 'alice');
    const bobOnB = await client(b, 'bob');
    await Promise.all([aliceOnB.session, bobOnB.session]);
    const gone = new Promise((resolve) => aliceOnB.socket.once('disconnect', resolve));
    a.notifier.disconnectUser('alice');
    expect(await gone).toBe('io server disconnect');
    expect(bobOnB.socket.connected).toBe(true);
  });

  describe('RedisEventLog', () => {
    const update = (transactionId: string) => ({
      type: 'payment_status_update' as const,
      transactionId,
      status: 'pending' as const,
      amount: Number.MAX_SAFE_INTEGER,
      transactionType: 'deposit' as const,
      message: 'Đang xử lý\n"quoted"',
      timestamp: new Date().toISOString(),
    });

    it('stores the payload exactly, numbers each user from 1 and replays what follows a seq', async () => {
      const log = await RedisEventLog.open(admin);
      const a1 = await log.append('alice', 'payment_status_update:v1', update('a1'));
      await log.append('bob', 'payment_status_update:v1', update('b1'));
      const a2 = await log.append('alice', 'payment_status_update:v1', update('a2'));
      expect([a1.seq, a2.seq]).toEqual([1, 2]);
      expect(await log.replay('alice', 0)).toEqual({ events: [a1, a2], lastSeq: 2, gap: false });
      expect(await log.replay('alice', 1)).toEqual({ events: [a2], lastSeq: 2, gap: false });
      expect(await log.replay('alice', 2)).toEqual({ events: [], lastSeq: 2, gap: false });
      expect(await log.replay('alice', 5)).toEqual({ events: [], lastSeq: 2, gap: true });
      expect(await log.lastSeq('carol')).toBe(0);
    });

    it('drops events past the per-user bound and the retention, reporting the gap', async () => {
      let now = 1_000_000;
      const log = await RedisEventLog.open(admin, {
        maxEventsPerUser: 2,
        retentionMs: 60_000,
        now: () => now,
      });
      for (const id of ['e1', 'e2', 'e3'])
        await log.append('alice', 'payment_status_update:v1', update(id));
      const kept = await log.replay('alice', 0);
      expect(kept.events.map((event) => event.seq)).toEqual([2, 3]);
      expect(kept.gap).toBe(true);
      expect((await log.replay('alice', 1)).gap).toBe(false);

      now += 60_001;
      await log.append('alice', 'payment_status_update:v1', update('e4'));
      const late = await log.replay('alice', 1);
      expect(late.events.map((event) => event.seq)).toEqual([4]);
      expect(late.gap).toBe(true);
    });

    it('refuses bad options and fails loudly once Redis lost the log', async () => {
      await expect(RedisEventLog.open(admin, { maxEventsPerUser: 0 })).rejects.toThrow(
        /maxEventsPerUser/,
      );
      const log = await RedisEventLog.open(admin);
      await log.append('alice', 'payment_status_update:v1', update('a1'));
      await admin.flushall();
      await expect(log.append('alice', 'payment_status_update:v1', update('a2'))).rejects.toThrow(
        /no longer epoch/,
      );
      await expect(log.replay('alice', 0)).rejects.toThrow(/no longer epoch/);
      expect(await admin.dbsize()).toBe(0);
      const reopened = await RedisEventLog.open(admin);
      expect(reopened.epoch).not.toBe(log.epoch);
    });
  });
});
