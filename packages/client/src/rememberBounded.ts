/**
 * Sets `key` as the most recent entry of `map` (insertion order is recency). Past `limit`, drops
 * the oldest eighth at once (skipping those `keep` protects): iterating from the oldest end walks
 * over freed slots, so doing it once per batch rather than once per insert keeps it O(1).
 */
export function rememberBounded<V>(
  map: Map<string, V>,
  key: string,
  value: V,
  limit: number,
  keep?: (key: string, value: V) => boolean,
): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) evictOldest(map, limit, key, keep);
}

/** Drops the oldest entries of `map` down to seven eighths of `limit`, sparing `newest` and `keep`. */
export function evictOldest<V>(
  map: Map<string, V>,
  limit: number,
  newest: string,
  keep?: (key: string, value: V) => boolean,
): void {
  const target = limit - (limit >> 3);
  for (const [old, kept] of map) {
    if (map.size <= target) return;
    if (old !== newest && !keep?.(old, kept)) map.delete(old);
  }
}
