/** `p50 … ms  p99 … ms  mean … ms  max … ms` of a list of durations in milliseconds. */
export function latencyStats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return `p50 ${at(50).toFixed(2)} ms  p99 ${at(99).toFixed(2)} ms  mean ${mean.toFixed(2)} ms  max ${(sorted[sorted.length - 1] ?? NaN).toFixed(2)} ms`;
}
