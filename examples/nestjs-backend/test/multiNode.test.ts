import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '@paysocket/mock-server';
import {
  redisServerAvailable,
  startRedisServer,
  type RedisServer,
} from '../../../packages/server/test/support/redisServer';
import { actOnPayPage, balance, call, createDeposit, login } from './support/api';
import { Balancer } from './support/Balancer';
import { TEST_MOMO, startBackend, type Backend } from './support/startBackend';
import { WireClient } from './support/WireClient';

describe.runIf(redisServerAvailable())('NestJS backend, two nodes on Redis', () => {
  let dir: string;
  let redis: RedisServer;
  let provider: MockServer;
  let nodeA: Backend;
  let nodeB: Backend;
  let balancer: Balancer;
  let client: WireClient | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paysocket-nest-multi-'));
    [redis, provider] = await Promise.all([
      startRedisServer(),
      startMockServer({
        port: 0,
        host: '127.0.0.1',
        databasePath: ':memory:',
        momo: TEST_MOMO,
        env: {},
      }),
    ]);
    const options = {
      momoEndpoint: `${provider.url}/mock-momo`,
      // Both nodes keep wallets and transactions in one SQLite file (WAL): one machine only.
      databasePath: join(dir, 'shared.db'),
      redisUrl: redis.url,
    };
    [nodeA, nodeB] = await Promise.all([startBackend(options), startBackend(options)]);
    balancer = await Balancer.start(nodeA.url);
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await balancer?.close();
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await provider?.close();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers an IPN taken by node B to a client on node A once; after A dies the client catches up on B', async () => {
    const userId = `zoe-${Math.random().toString(36).slice(2, 8)}`;
    const token = await login(nodeB.url, userId);
    client = new WireClient(balancer.url, token);
    const [session] = await client.waitFor('session:v1');
    expect(session?.payload).toMatchObject({ userId, lastSeq: 0, gap: false });
    const metricsA = await call<{ activeConnections: number; mode: string }>(
      `${nodeA.url}/metrics`,
    );
    expect(metricsA.body).toMatchObject({ activeConnections: 1, mode: 'multi-node' });
    expect(
      (await call<{ activeConnections: number }>(`${nodeB.url}/metrics`)).body.activeConnections,
    ).toBe(0);

    // Created on B, so MoMo's IPN goes to B; the client sits on A.
    const first = await createDeposit(nodeB.url, token, 100_000);
    expect(provider.fakeMomo?.payment(first.transactionId)?.ipnUrl).toBe(
      `${nodeB.url}/api/v1/payment/momo/callback`,
    );
    expect(await actOnPayPage(first.paymentUrl as string, 'pay')).toBe(200);
    const [completed] = await client.waitFor('deposit_completed:v1');
    expect(completed?.payload).toMatchObject({
      transactionId: first.transactionId,
      newBalance: 100_000,
      seq: 1,
    });
    expect(await balance(nodeA.url, token)).toBe(100_000);

    // Node A crashes. Until the balancer sends connections to B, the client's retries fail.
    const dropped = new Promise((resolve) => client?.socket.once('disconnect', resolve));
    balancer.target = undefined;
    await nodeA.stop('SIGKILL');
    await dropped;

    // Paid while the client has no connection at all: only the replay can bring it.
    const second = await createDeposit(nodeB.url, token, 50_000);
    expect(await actOnPayPage(second.paymentUrl as string, 'pay')).toBe(200);
    expect(client.socket.connected).toBe(false);
    balancer.target = nodeB.url;

    await client.waitFor('session:v1', 2);
    const deposits = await client.waitFor('deposit_completed:v1', 2);
    const sessions = client.named('session:v1');
    expect(sessions[1]?.payload).toMatchObject({
      userId,
      epoch: session?.payload.epoch,
      lastSeq: 2,
      gap: false,
    });
    expect(deposits.map((event) => [event.payload.transactionId, event.payload.seq])).toEqual([
      [first.transactionId, 1],
      [second.transactionId, 2],
    ]);
    // The replayed event came before the new session's session:v1, and nothing came twice.
    const names = client.events.map((event) => event.name);
    expect(names).toEqual([
      'session:v1',
      'deposit_completed:v1',
      'deposit_completed:v1',
      'session:v1',
    ]);
    expect(
      (await call<{ eventsReplayed: number }>(`${nodeB.url}/metrics`)).body.eventsReplayed,
    ).toBe(1);
    expect(await balance(nodeB.url, token)).toBe(150_000);
  });
});
