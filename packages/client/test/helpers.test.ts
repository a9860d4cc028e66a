import { describe, expect, it } from 'vitest';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { LatencyWindow } from '../src/LatencyWindow';
import { backoffDelay } from '../src/backoffDelay';
import { eventFromSnapshot } from '../src/eventFromSnapshot';
import { rememberBounded } from '../src/rememberBounded';

describe('backoffDelay', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };

  it('doubles from the initial delay up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, () => 0));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('takes at most the jitter share off at random', () => {
    expect(backoffDelay(2, options, () => 0.999999)).toBe(100);
    expect(backoffDelay(2, { ...options, jitter: 1 }, () => 0.5)).toBe(100);
    expect(backoffDelay(2, { ...options, jitter: 0 }, () => 0.9)).toBe(200);
  });

  it('has sensible defaults', () => {
    expect(backoffDelay(1, {}, () => 0)).toBe(500);
    expect(backoffDelay(30, {}, () => 0)).toBe(30_000);
  });
});

describe('rememberBounded', () => {
  it('keeps the most recent entries, refreshing one that is set again', () => {
    const map = new Map<string, number>();
    for (const key of ['a', 'b', 'c']) rememberBounded(map, key, 1, 3);
    rememberBounded(map, 'a', 2, 3);
    rememberBounded(map, 'd', 1, 3);
    expect([...map.keys()]).toEqual(['c', 'a', 'd']);
    expect(map.get('a')).toBe(2);
  });

  it('never evicts protected entries, even past the limit', () => {
    const map = new Map<string, number>();
    const keep = (key: string) => key.startsWith('watched');
    rememberBounded(map, 'watched-1', 1, 2, keep);
    rememberBounded(map, 'watched-2', 1, 2, keep);
    rememberBounded(map, 'x', 1, 2, keep);
    rememberBounded(map, 'y', 1, 2, keep);
    expect([...map.keys()]).toEqual(['watched-1', 'watched-2', 'y']);
  });

  it('lets keep decide by value as well', () => {
    const map = new Map<string, string>();
    const keep = (_key: string, owner: string) => owner === 'watched';
    rememberBounded(map, 'a', 'watched', 2, keep);
    rememberBounded(map, 'b', 'other', 2, keep);
    rememberBounded(map, 'c', 'other', 2, keep);
    expect([...map.keys()]).toEqual(['a', 'c']);
  });

  it('evicts in batches of an eighth, staying within the limit', () => {
    const map = new Map<string, number>();
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) {
      rememberBounded(map, `k${i}`, i, 16);
      sizes.push(map.size);
    }
    expect(Math.max(...sizes)).toBe(16);
    expect(sizes.slice(15, 19)).toEqual([16, 14, 15, 16]);
    expect([...map.keys()][0]).toBe('k6');
  });
});

describe('LatencyWindow', () => {
  it('reports percentiles of the latest samples only', () => {
    const window = new LatencyWindow(100);
    expect(window.stats()).toEqual({ count: 0, p50: null, p95: null, p99: null });
    for (let i = 0; i < 100; i++) window.add(10_000);
    for (let i = 1; i <= 100; i++) window.add(i);
    expect(window.stats()).toEqual({ count: 200, p50: 50, p95: 95, p99: 99 });
  });
});

describe('eventFromSnapshot', () => {
  const base: TransactionSnapshot = {
    transactionId: 't1',
    type: 'deposit',
    status: 'completed',
    amount: 10_000,
    newBalance: 60_000,
    providerTransactionId: 'm1',
    message: 'ok',
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:01:00.000Z',
    paymentUrl: 'https://pay.example/t1',
  };

  it('rebuilds a completion that has every field', () => {
    expect(eventFromSnapshot(base)).toEqual({
      type: 'deposit_completed',
      transactionId: 't1',
      amount: 10_000,
      newBalance: 60_000,
      providerTransactionId: 'm1',
      message: 'ok',
      timestamp: '2026-11-26T10:01:00.000Z',
    });
    expect(eventFromSnapshot({ ...base, type: 'withdrawal' })).toMatchObject({
      type: 'withdrawal_completed',
      newBalance: 60_000,
    });
  });

  it('rebuilds failures as status updates and nothing for the rest', () => {
    expect(eventFromSnapshot({ ...base, status: 'cancelled', reason: 'declined' })).toEqual({
      type: 'payment_status_update',
      transactionId: 't1',
      status: 'cancelled',
      transactionType: 'deposit',
      amount: 10_000,
      message: 'ok',
      metadata: { reason: 'declined' },
      timestamp: '2026-11-26T10:01:00.000Z',
    });
    expect(eventFromSnapshot({ ...base, status: 'pending' })).toBeUndefined();
    const { newBalance: _, ...withoutBalance } = base;
    expect(eventFromSnapshot(withoutBalance)).toBeUndefined();
  });
});
