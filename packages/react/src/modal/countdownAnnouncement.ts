const MINUTE = 60_000;

/**
 * Which announcement the countdown is due for. The key changes every 3 minutes while
 * more than 5 minutes are left, every minute under 5 minutes, and every 30 seconds under
 * one minute; a screen reader hears the time only when the key changes, so the timer
 * stays calm instead of talking every second.
 */
export function announcementKey(remainingMs: number): string {
  if (remainingMs <= 0) return 'end';
  if (remainingMs > 5 * MINUTE) return `3m:${Math.ceil(remainingMs / (3 * MINUTE))}`;
  if (remainingMs > MINUTE) return `1m:${Math.ceil(remainingMs / MINUTE)}`;
  return `30s:${Math.ceil(remainingMs / 30_000)}`;
}

/** Remaining time split for wording: whole minutes and seconds, rounded up to the second. */
export function splitRemaining(remainingMs: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/** `mm:ss` for the visible timer. */
export function formatClock(remainingMs: number): string {
  const { minutes, seconds } = splitRemaining(remainingMs);
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** The time a countdown announcement speaks of: whole minutes, or 30 seconds at the end. */
export function announcedRemaining(remainingMs: number): {
  unit: 'minutes' | 'seconds';
  value: number;
} {
  if (remainingMs > MINUTE) return { unit: 'minutes', value: Math.ceil(remainingMs / MINUTE) };
  const seconds = Math.ceil(Math.max(0, remainingMs) / 30_000) * 30;
  return seconds >= 60 ? { unit: 'minutes', value: 1 } : { unit: 'seconds', value: seconds };
}
