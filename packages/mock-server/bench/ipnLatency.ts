// Time from sending a signed MoMo IPN to the deposit_completed:v1 event reaching a connected
// socket.io-client, over a real server on 127.0.0.1 with its SQLite file in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import type { DepositCompletedEvent } from '@paysocket/protocol';
import { signMomoIpn, type MomoIpnSignedValues } from '@paysocket/server';
import { startMockServer } from '../src/index';
import { latencyStats } from './latencyStats';

const COUNT = Number(process.env.BENCH_IPN_COUNT ?? 1000);
const WARMUP = 50;

const dir = mkdtempSync(join(tmpdir(), 'paysocket-bench-'));
// BENCH_DATABASE_PATH=:memory: separates the disk's share of the time from the rest.
const databasePath = process.env.BENCH_DATABASE_PATH ?? join(dir, 'bench.db');
const server = await startMockServer({ env: {}, port: 0, host: '127.0.0.1', databasePath });
const socket = connect(server.url, {
  transports: ['websocket'],
  forceNew: true,
  reconnection: false,
});

try {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'bench-user' }),
  });
  const { token } = (await login.json()) as { token: string };
  socket.auth = { token };
  socket.connect();
  await new Promise((resolve) => socket.once('session:v1', resolve));

  const waiting = new Map<string, (event: DepositCompletedEvent) => void>();
  socket.on('deposit_completed:v1', (event: DepositCompletedEvent) =>
    waiting.get(event.transactionId)?.(event),
  );

  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  for (let i = 0; i < WARMUP + COUNT; i++) {
    const created = await fetch(`${server.url}/api/v1/payment/deposit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ amount: 10_000, provider: 'momo' }),
    });
    const deposit = (await created.json()) as { transactionId: string; amount: number };
    const values: MomoIpnSignedValues = {
      partnerCode: server.config.momo.partnerCode,
      orderId: deposit.transactionId,
      requestId: `bench-${i}`,
      amount: deposit.amount,
      orderInfo: 'Nạp tiền vào ví',
      orderType: 'momo_wallet',
      transId: 4_000_000_000 + i,
      resultCode: 0,
      message: 'Thành công.',
      payType: 'qr',
      responseTime: Date.now(),
      extraData: '',
    };
    const body = JSON.stringify({ ...values, signature: signMomoIpn(values, server.config.momo) });
    const arrived = new Promise<number>((resolve) =>
      waiting.set(deposit.transactionId, () => resolve(performance.now())),
    );
    const start = performance.now();
    const response = await fetch(`${server.url}/api/v1/payment/momo/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const acked = performance.now();
    if (response.status !== 204) throw new Error(`IPN answered ${response.status}`);
    const end = await arrived;
    waiting.delete(deposit.transactionId);
    if (i >= WARMUP) {
      latencies.push(end - start);
      ackLatencies.push(acked - start);
    }
  }

  console.log(
    `IPN -> deposit_completed:v1 at the client, ${COUNT} signed IPNs (after ${WARMUP} warm-up), database ${databasePath === ':memory:' ? ':memory:' : 'file (WAL)'}`,
  );
  console.log(`  event arrived:  ${latencyStats(latencies)}`);
  console.log(`  IPN answered:   ${latencyStats(ackLatencies)}`);
} finally {
  socket.disconnect();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
