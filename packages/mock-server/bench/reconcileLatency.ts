// Time from a payment whose IPN is lost to its credit by reconciliation.
// 1. Computed from the default schedule (it is schedule-driven): when a payment made at a
//    given moment of the deposit's life is found by the next query.
// 2. Measured with the default settings: one deposit paid on the fake MoMo page right after
//    creation, IPNs dropped, timed until deposit_completed:v1 reaches a socket (about 30 s).
// 3. Measured with a shortened clock (RECONCILE_AFTER 1 s, stated as such): the cost of the
//    query + credit + event on top of the schedule, over several deposits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import type { DepositCompletedEvent } from '@paysocket/protocol';
import { loadConfig, startMockServer, type MockServer } from '../src/index';
import { nextReconcileAt } from '../src/reconcileSchedule';

const SHORT_COUNT = Number(process.env.BENCH_RECONCILE_COUNT ?? 10);
const SKIP_DEFAULT_RUN = process.env.BENCH_RECONCILE_SKIP_DEFAULT === '1';

const defaults = loadConfig({});
const schedule = {
  firstAfterMs: defaults.reconcileAfterMs,
  maxIntervalMs: defaults.reconcileMaxIntervalMs,
};
const life = defaults.depositTtlMs;
const clock = (ms: number) =>
  `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

console.log(
  `reconciliation schedule (defaults: first query ${schedule.firstAfterMs / 1000} s, cap ${schedule.maxIntervalMs / 1000} s, life ${life / 1000} s)`,
);
const points: string[] = [];
for (let at = 0; at < life;) {
  at = nextReconcileAt(schedule, 0, life, at);
  points.push(clock(at));
}
console.log(
  `  queries at ${points.join(', ')} after creation (then every ${schedule.maxIntervalMs / 60_000} min)`,
);
let totalWait = 0;
const STEP = 1000;
let worst = 0;
for (let paidAt = 0; paidAt < life; paidAt += STEP) {
  const wait = nextReconcileAt(schedule, 0, life, paidAt) - paidAt;
  totalWait += wait;
  worst = Math.max(worst, wait);
}
console.log(
  `  computed wait from payment to the query that finds it, paid at a uniformly random moment: mean ${(totalWait / (life / STEP) / 1000).toFixed(0)} s, worst ${(worst / 1000).toFixed(0)} s`,
);
for (const paidAt of [5_000, 60_000, 4 * 60_000, 10 * 60_000, 14 * 60_000]) {
  const found = nextReconcileAt(schedule, 0, life, paidAt);
  console.log(
    `    paid at ${clock(paidAt)} -> queried at ${clock(found)} (${(found - paidAt) / 1000} s)`,
  );
}

/** Per deposit, one after the other: ms from payment to credit, and from creation to credit. */
async function run(
  server: MockServer,
  count: number,
): Promise<Array<{ fromPayment: number; fromCreation: number }>> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'bench-user' }),
  });
  const { token } = (await login.json()) as { token: string };
  const socket = connect(server.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { token },
  });
  try {
    await new Promise((resolve) => socket.once('session:v1', resolve));
    const waiting = new Map<string, (at: { perf: number; wall: number }) => void>();
    socket.on('deposit_completed:v1', (event: DepositCompletedEvent) =>
      waiting.get(event.transactionId)?.({ perf: performance.now(), wall: Date.now() }),
    );
    await postJson(server, '/mock-momo/dev/ipn-mode', { mode: 'drop' });
    const timings: Array<{ fromPayment: number; fromCreation: number }> = [];
    // Each is paid right after creation, so the first query, F after creation, finds it.
    for (let i = 0; i < count; i++) {
      const created = await postJson(
        server,
        '/api/v1/payment/deposit',
        { amount: 10_000, provider: 'momo' },
        token,
      );
      const deposit = (await created.json()) as {
        transactionId: string;
        paymentUrl: string;
        createdAt: string;
      };
      const credited = new Promise<{ perf: number; wall: number }>((resolve) =>
        waiting.set(deposit.transactionId, resolve),
      );
      const paidAt = performance.now();
      await payOnFakePage(server, deposit.paymentUrl);
      const creditedAt = await credited;
      // The server's createdAt (wall clock) is when the query schedule starts.
      timings.push({
        fromPayment: creditedAt.perf - paidAt,
        fromCreation: creditedAt.wall - Date.parse(deposit.createdAt),
      });
    }
    return timings;
  } finally {
    socket.disconnect();
  }
}

function postJson(server: MockServer, path: string, body: unknown, token?: string) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Presses Thanh toán on the fake MoMo page at `paymentUrl`, as the payer's phone does. */
async function payOnFakePage(server: MockServer, paymentUrl: string): Promise<void> {
  const response = await fetch(paymentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ action: 'pay' }).toString(),
  });
  await response.text();
  if (response.status !== 200) throw new Error(`the fake MoMo page answered ${response.status}`);
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return `p50 ${at(50).toFixed(1)} ms  p99 ${at(99).toFixed(1)} ms  max ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms`;
};

async function measured(label: string, overrides: Record<string, number>, count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'paysocket-bench-'));
  const server = await startMockServer({
    env: {},
    port: 0,
    host: '127.0.0.1',
    databasePath: join(dir, 'bench.db'),
    ...overrides,
  });
  try {
    const timings = await run(server, count);
    const first = server.config.reconcileAfterMs;
    console.log(`${label}: payment -> deposit_completed:v1, ${count} deposit(s), IPNs dropped`);
    console.log(`  from payment: ${stats(timings.map((t) => t.fromPayment))}`);
    console.log(
      `  from creation, beyond the ${first} ms to the first query (query + credit + event): ${stats(timings.map((t) => t.fromCreation - first))}`,
    );
    console.log(`  metrics: ${JSON.stringify(pick(server.service.getMetrics()))}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pick = (metrics: Record<string, number>) => ({
  reconcileQueries: metrics.reconcileQueries,
  reconcileCredited: metrics.reconcileCredited,
  ipnReceived: metrics.ipnReceived,
});

if (!SKIP_DEFAULT_RUN) await measured('measured with the default settings', {}, 1);
await measured(
  'measured on a shortened clock (RECONCILE_AFTER 1 s instead of 30 s)',
  { reconcileAfterMs: 1000 },
  SHORT_COUNT,
);
