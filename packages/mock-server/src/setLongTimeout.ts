/** Node's timers fire at once (with a warning) for delays above 2^31-1 ms, about 24.8 days. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A pending {@link setLongTimeout}. */
export interface LongTimeout {
  clear(): void;
}

/**
 * `setTimeout` for any delay: a long one waits in steps of at most 2^31-1 ms, measured
 * against the wall clock, so it fires when due instead of at once. The timer never keeps
 * the process alive.
 */
export function setLongTimeout(run: () => void, delayMs: number): LongTimeout {
  const dueAt = Date.now() + Math.max(0, delayMs);
  let timer: NodeJS.Timeout;
  const arm = () => {
    const remaining = dueAt - Date.now();
    timer =
      remaining > MAX_TIMER_DELAY_MS
        ? setTimeout(arm, MAX_TIMER_DELAY_MS)
        : setTimeout(run, Math.max(0, remaining));
    timer.unref();
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
