// Round trip of POST /api/v1/payment/deposit, which creates the payment at MoMo first: here
// the server's own fake provider, over HTTP on 127.0.0.1, with the SQLite file in a temp
// folder. The provider's create alone (createMomoClient -> fake provider) is timed as well,
// to show what the merchant's side adds.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMomoClient } from '@paysocket/server';
import { startMockServer } from '../src/index';
import { latencyStats } from './latencyStats';

const COUNT = Number(process.env.BENCH_DEPOSIT_COUNT ?? 500);
const WARMUP = 30;

const dir = mkdtempSync(join(tmpdir(), 'paysocket-bench-'));
const databasePath = process.env.BENCH_DATABASE_PATH ?? join(dir, 'bench.db');
const server = await startMockServer({ env: {}, port: 0, host: '127.0.0.1', databasePath });

try {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'bench-user' }),
  });
  const { token } = (await login.json()) as { token: string };

  const deposits: number[] = [];
  for (let i = 0; i < WARMUP + COUNT; i++) {
    const start = performance.now();
    const response = await fetch(`${server.url}/api/v1/payment/deposit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ amount: 10_000, provider: 'momo' }),
    });
    const body = (await response.json()) as { paymentUrl?: string };
    const end = performance.now();
    if (response.status !== 201 || !body.paymentUrl)
      throw new Error(`deposit answered ${response.status}`);
    if (i >= WARMUP) deposits.push(end - start);
  }

  const momo = createMomoClient({ endpoint: `${server.url}/mock-momo`, ...server.config.momo });
  const creates: number[] = [];
  for (let i = 0; i < WARMUP + COUNT; i++) {
    const id = randomUUID();
    const start = performance.now();
    await momo.createPayment({
      orderId: `BENCH${id.replace(/-/g, '')}`,
      requestId: id,
      amount: 10_000,
      orderInfo: 'bench',
      redirectUrl: `${server.url}/`,
      ipnUrl: `${server.url}/api/v1/payment/momo/callback`,
    });
    const end = performance.now();
    if (i >= WARMUP) creates.push(end - start);
  }

  console.log(
    `Deposit creation through the fake MoMo provider, ${COUNT} sequential requests (after ${WARMUP} warm-up), database ${databasePath === ':memory:' ? ':memory:' : 'file (WAL)'}`,
  );
  console.log(`  POST /api/v1/payment/deposit:        ${latencyStats(deposits)}`);
  console.log(`  createPayment -> fake provider only: ${latencyStats(creates)}`);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
