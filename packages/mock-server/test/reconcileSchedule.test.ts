import { describe, expect, it } from 'vitest';
import { createLimiter } from '../src/createLimiter';
import { nextReconcileAt } from '../src/reconcileSchedule';

const S = 1000;
const MIN = 60 * S;

/** Every query time of a deposit, from creation up to `until`. */
function points(
  schedule: { firstAfterMs: number; maxIntervalMs: number },
  createdAt: number,
  expiresAt: number,
  until: number,
) {
  const result: number[] = [];
  for (let at = createdAt; ;) {
    at = nextReconcileAt(schedule, createdAt, expiresAt, at);
    if (at > until) return result;
    result.push(at - createdAt);
  }
}

describe('nextReconcileAt', () => {
  it('follows the documented default schedule, with one query exactly at expiry', () => {
    const schedule = { firstAfterMs: 30 * S, maxIntervalMs: 5 * MIN };
    const t0 = 1_795_700_000_000;
    expect(points(schedule, t0, t0 + 15 * MIN, t0 + 30 * MIN)).toEqual([
      30 * S,
      90 * S,
      210 * S,
      450 * S,
      750 * S,
      15 * MIN,
      1050 * S,
      1350 * S,
      1650 * S,
    ]);
  });

  it('queries first at expiry when that comes before the first delay', () => {
    const schedule = { firstAfterMs: 30 * S, maxIntervalMs: 5 * MIN };
    expect(nextReconcileAt(schedule, 0, 10 * S, 0)).toBe(10 * S);
    expect(nextReconcileAt(schedule, 0, 10 * S, 10 * S)).toBe(30 * S);
  });

  it('picks the next point after a given time (a restart, a slow answer)', () => {
    const schedule = { firstAfterMs: 30 * S, maxIntervalMs: 5 * MIN };
    expect(nextReconcileAt(schedule, 0, 15 * MIN, 100 * S)).toBe(210 * S);
    expect(nextReconcileAt(schedule, 0, 15 * MIN, 800 * S)).toBe(15 * MIN);
    expect(nextReconcileAt(schedule, 0, 15 * MIN, 2 * 60 * MIN)).toBe(2 * 60 * MIN + 150 * S);
  });
});

describe('createLimiter', () => {
  it('runs at most max tasks at once and all of them in the end', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const task = (value: number) =>
      limit(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return value;
      });
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(task));
    expect(results).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(2);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('refuses a max that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => createLimiter(bad)).toThrow(RangeError);
  });
});
