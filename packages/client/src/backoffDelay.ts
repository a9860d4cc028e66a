import type { ReconnectOptions } from './types';

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from `initialDelayMs`,
 * capped at `maxDelayMs`, with up to a `jitter` share taken off at random so that many
 * clients dropped together do not come back together.
 */
export function backoffDelay(
  attempt: number,
  { initialDelayMs = 500, maxDelayMs = 30_000, jitter = 0.5 }: ReconnectOptions,
  random: () => number = Math.random,
): number {
  const base = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (1 - Math.min(1, Math.max(0, jitter)) * random()));
}
