/** When a pending deposit's payment is queried at MoMo. Times are epoch milliseconds. */
export interface ReconcileSchedule {
  /** The first query, this long after creation. */
  firstAfterMs: number;
  /** Intervals double from `firstAfterMs` up to this. */
  maxIntervalMs: number;
}

/**
 * The first query time strictly after `after` for a deposit created at `createdAt` that
 * expires at `expiresAt`: `createdAt + F`, then intervals of 2F, 4F, 8F… capped at the
 * maximum, with one extra point exactly at expiry. Past expiry the same sequence goes on
 * (at the cap by then), for deposits MoMo has not given a final answer for.
 *
 * With the defaults (F = 30 s, cap 5 min, 15 min life): 0:30, 1:30, 3:30, 7:30, 12:30,
 * 15:00 (expiry), 17:30, 22:30, … after creation.
 */
export function nextReconcileAt(
  schedule: ReconcileSchedule,
  createdAt: number,
  expiresAt: number,
  after: number,
): number {
  const { firstAfterMs, maxIntervalMs } = schedule;
  let point = createdAt + firstAfterMs;
  let interval = firstAfterMs;
  while (point <= after) {
    interval = Math.min(interval * 2, maxIntervalMs);
    point += interval;
  }
  return after < expiresAt && expiresAt < point ? expiresAt : point;
}
