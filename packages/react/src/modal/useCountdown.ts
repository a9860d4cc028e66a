import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `expiresAtMs` on the server's clock (`serverOffsetMs` = server
 * minus local). Recomputed from `Date.now()` on every tick rather than counted down, so a
 * reload, a sleeping laptop or a throttled background tab never makes it drift; it also
 * catches up at once when the tab becomes visible. Null when there is no expiry.
 */
export function useCountdown(
  expiresAtMs: number | null,
  serverOffsetMs: number,
  active: boolean,
): number | null {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!active || expiresAtMs === null) return;
    // Once zero is reached nothing changes any more: stop ticking.
    const tick = () => {
      const now = Date.now();
      setNow(now);
      if (expiresAtMs - (now + serverOffsetMs) <= 0) stop();
    };
    const interval = setInterval(tick, 1000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    const stop = () => {
      clearInterval(interval);
      document.removeEventListener('visibilitychange', onVisible);
    };
    tick();
    return stop;
  }, [active, expiresAtMs, serverOffsetMs]);

  if (expiresAtMs === null) return null;
  return expiresAtMs - (now + serverOffsetMs);
}
