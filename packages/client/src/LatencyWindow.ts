import type { LatencyStats } from './types';

/** Percentiles over the most recent `size` samples: memory stays fixed however long it runs. */
export class LatencyWindow {
  #samples: number[] = [];
  #next = 0;
  #count = 0;

  constructor(readonly size = 512) {}

  add(ms: number): void {
    this.#samples[this.#next] = ms;
    this.#next = (this.#next + 1) % this.size;
    this.#count++;
  }

  stats(): LatencyStats {
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted.length ? (sorted[Math.ceil(p * sorted.length) - 1] as number) : null;
    return { count: this.#count, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  }
}
