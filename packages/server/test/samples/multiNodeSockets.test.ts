import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../src/index';
import { attachMultiNodeSockets, tellDepositCompleted } from '../../samples/multiNodeSockets';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../support/redisServer';

const secret = 'multi-node-sample-secret-of-32-chars!!';
/** The channel every node subscribes to for `serverSideEmit`. */
const REQUEST_CHANNEL = 'socket.io-request#/#';

describe.runIf(redisServerAvailable())('the README multi-node sample', () => {
  let redis: RedisServer;
  let admin: Redis;
  const nodes: Array<{ close(): Promise<void> }> = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
  }, 30_000);
  afterAll(async () => {
    admin?.disconnect();
    await redis?.stop();
  }, 30_000);
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const node of nodes.splice(0)) await node.close();
  });

  async function startNode() {
    const http = createServer();
    const node = await attachMultiNodeSockets(http, redis.url, (token) =>
      verifyAccessToken(token, secret),
    );
    nodes.push(node);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { ...node, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }

  it('delivers a deposit told on node A to the user connected to node B, once', async () => {
    const a = await startNode();
    const b = await startNode();
    // A relay published before a node has subscribed would never reach it.
    await vi.waitFor(async () => {
      const [, subscribers] = (await admin.pubsub('NUMSUB', REQUEST_CHANNEL)) as [string, number];
      expect(subscribers).toBe(2);
    });
    const socket = connect(b.url, {
      transports: ['websocket'],
      auth: { token: await signAccessToken('alice', secret) },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    const received: Array<[string, Record<string, unknown>]> = [];
    socket.onAny((name: string, payload: Record<string, unknown>) =>
      received.push([name, payload]),
    );
    await new Promise((resolve) => socket.once('session:v1', resolve));

    const told = await tellDepositCompleted(a.notifier, {
      userId: 'alice',
      transactionId: 'DEP_1',
      amount: 100_000,
      newBalance: 100_000,
    });
    expect(told).toMatchObject({ type: 'deposit_completed', transactionId: 'DEP_1', seq: 1 });
    await tellDepositCompleted(a.notifier, {
      userId: 'alice',
      transactionId: 'marker',
      amount: 1_000,
      newBalance: 101_000,
    });
    // Events from one node arrive in order: once the marker is here, a duplicate would be too.
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received.map(([name, p]) => [name, p.transactionId ?? null])).toEqual([
      ['session:v1', null],
      ['deposit_completed:v1', 'DEP_1'],
      ['deposit_completed:v1', 'marker'],
    ]);
    expect(received[1]?.[1]).toEqual(told);
  });
});
