// Prints the bundle sizes and the event pipeline throughput (validate + de-duplicate + fold +
// dispatch) on one core. Figures only: nothing here is asserted.
import { loadavg } from 'node:os';
import { EventEmitter } from 'eventemitter3';
import { EventPipeline } from '../src/EventPipeline';
import type { AnyPaymentEvent } from '../src/eventFromSnapshot';
import { formatSize, measureBundleSizes } from './bundleSize.mjs';

for (const row of await measureBundleSizes()) console.log(formatSize(row));

const EVENTS = 200_000;
const timestamp = new Date().toISOString();
const payloads = Array.from({ length: EVENTS }, (_, i) => {
  const transactionId = `tx-${Math.floor(i / 2)}`;
  // Each transaction: a pending update, then its completion; every tenth completion twice.
  return i % 2 === 0
    ? {
        kind: 'payment_status_update' as const,
        name: 'payment_status_update:v1',
        payload: {
          type: 'payment_status_update',
          transactionId,
          status: 'pending',
          amount: 50_000,
          transactionType: 'deposit',
          message: 'Đang chờ thanh toán',
          timestamp,
          eventId: `e-${i}`,
          seq: i + 1,
        },
      }
    : {
        kind: 'deposit_completed' as const,
        name: 'deposit_completed:v1',
        payload: {
          type: 'deposit_completed',
          transactionId: i % 20 === 1 ? `tx-${Math.floor(i / 2) - 1}` : transactionId,
          amount: 50_000,
          newBalance: 150_000,
          message: 'Nạp tiền thành công',
          timestamp,
          eventId: `e-${i}`,
          seq: i + 1,
        },
      };
});

function run(): { seconds: number; cpuSeconds: number; delivered: number; dropped: number } {
  const emitter = new EventEmitter<string>();
  let delivered = 0;
  emitter.on('deposit_completed', () => delivered++);
  emitter.on('payment_status_update', () => delivered++);
  const pipeline = new EventPipeline({
    deliver: (event: AnyPaymentEvent) => emitter.emit(event.type, event),
    error: () => {},
    changed: () => {},
  });
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const { kind, name, payload } of payloads) pipeline.receive(kind, name, payload, 0);
  const { user, system } = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, cpuSeconds: (user + system) / 1e6, delivered, dropped: pipeline.dropped };
}

const rate = (seconds: number) => Math.round(EVENTS / seconds).toLocaleString('en-US');
run();
const { seconds, cpuSeconds, delivered, dropped } = run();
// On a shared machine the wall clock also counts time other processes had the core; CPU time
// is what one core spent on the pipeline.
console.log(
  `event pipeline: ${rate(cpuSeconds)} events per CPU-second, ${rate(seconds)} events/s wall ` +
    `(${EVENTS.toLocaleString('en-US')} events in ${(seconds * 1000).toFixed(0)} ms; ` +
    `${delivered} delivered, ${dropped} dropped; machine load ${loadavg()[0]?.toFixed(1)})`,
);
