/** Node's timers fire at once (with a warning) for delays above 2^31-1 ms, about 24.8 days. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A pending {@link setLongTimeout}. */
export interface LongTimeout {
  clear(): void;
}

/**
 * `setTimeout` for any delay: a long one waits in steps of at most 2^31-1 ms, measured
 * against the wall clock, so it fires when due (never before `Date.now()` reaches it)
 * instead of at once. The timer never keeps the process alive.
 */
export function setLongTimeout(run: () => void, delayMs: number): LongTimeout {
  const dueAt = Date.now() + Math.max(0, delayMs);
  let timer: NodeJS.Timeout;
  const wait = (ms: number) => {
    timer = setTimeout(arm, Math.min(Math.max(0, ms), MAX_TIMER_DELAY_MS));
    timer.unref();
  };
  // Timers may fire a millisecond early by the wall clock; callers compare against it.
  const arm = () => {
    const remaining = dueAt - Date.now();
    if (remaining > 0) wait(remaining);
    else run();
  };
  wait(delayMs);
  return { clear: () => clearTimeout(timer) };
}
