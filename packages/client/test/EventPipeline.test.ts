import { describe, expect, it } from 'vitest';
import { EventPipeline } from '../src/EventPipeline';
import type { AnyPaymentEvent } from '../src/eventFromSnapshot';

function pipeline() {
  const delivered: AnyPaymentEvent[] = [];
  const p = new EventPipeline({
    deliver: (event) => delivered.push(event),
    error: () => {},
    changed: () => {},
  });
  return { p, delivered };
}

const deposit = (transactionId: string, extra: object = {}) => ({
  type: 'deposit_completed',
  transactionId,
  amount: 1000,
  newBalance: 2000,
  message: 'ok',
  timestamp: '2026-11-26T10:00:00.000Z',
  ...extra,
});

describe('EventPipeline', () => {
  it('keeps transaction states bounded, never evicting followed ones', () => {
    const { p } = pipeline();
    p.follow('tx-0');
    for (let i = 0; i < 2000; i++)
      p.receive('deposit_completed', 'deposit_completed:v1', deposit(`tx-${i}`));
    expect(p.size).toBeLessThanOrEqual(500);
    expect(p.size).toBeGreaterThan(400);
    expect(p.get('tx-0')).toBeDefined();
    expect(p.get('tx-1')).toBeUndefined();
    expect(p.get('tx-1999')).toBeDefined();
  });

  it('bounds its dedupe memory: a very old completion would be delivered again', () => {
    const { p, delivered } = pipeline();
    p.receive('deposit_completed', 'deposit_completed:v1', deposit('old'));
    p.receive('deposit_completed', 'deposit_completed:v1', deposit('old'));
    expect(delivered).toHaveLength(1);
    for (let i = 0; i < 5000; i++)
      p.receive('deposit_completed', 'deposit_completed:v1', deposit(`tx-${i}`));
    p.receive('deposit_completed', 'deposit_completed:v1', deposit('old'));
    expect(delivered).toHaveLength(5002);
  });

  it('returns the seq of valid events, dropped ones included, and nothing for invalid ones', () => {
    const { p } = pipeline();
    expect(p.receive('deposit_completed', 'deposit_completed:v1', deposit('a', { seq: 4 }))).toBe(
      4,
    );
    expect(p.receive('deposit_completed', 'deposit_completed:v1', deposit('a', { seq: 5 }))).toBe(
      5,
    );
    expect(p.dropped).toBe(1);
    expect(
      p.receive('deposit_completed', 'deposit_completed:v1', deposit('b', { seq: 6, amount: -1 })),
    ).toBeUndefined();
    expect(p.rejected).toBe(1);
  });
});
