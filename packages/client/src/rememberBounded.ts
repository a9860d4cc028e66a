/**
 * Sets `key` as the most recent entry of `map` (insertion order is recency), then drops the
 * oldest entries beyond `limit`, skipping those `keep` protects.
 */
export function rememberBounded<V>(
  map: Map<string, V>,
  key: string,
  value: V,
  limit: number,
  keep?: (key: string) => boolean,
): void {
  map.delete(key);
  map.set(key, value);
  for (const old of map.keys()) {
    if (map.size <= limit) return;
    if (old !== key && !keep?.(old)) map.delete(old);
  }
}
