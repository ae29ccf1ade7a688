/**
 * Latency histogram with 10 µs buckets up to 2 s: constant memory however many samples a
 * fan-out window records, and percentiles accurate to one bucket.
 */
const BUCKET_MS = 0.01
const BUCKETS = 200_000

export class Histogram {
  readonly #counts = new Uint32Array(BUCKETS + 1)
  #total = 0

  record(ms: number): void {
    const bucket = Math.min(BUCKETS, Math.max(0, Math.floor(ms / BUCKET_MS)))
    this.#counts[bucket]!++
    this.#total++
  }

  /** Empties the histogram (the interleaved mode keeps one per load and reports each window). */
  reset(): void {
    this.#counts.fill(0)
    this.#total = 0
  }

  get count(): number {
    return this.#total
  }

  /** The latency (ms) below which `p` (0..1) of samples fall; NaN when empty. */
  percentile(p: number): number {
    if (this.#total === 0) return Number.NaN
    const rank = Math.ceil(p * this.#total)
    let seen = 0
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.#counts[i]!
      if (seen >= rank) return (i + 1) * BUCKET_MS
    }
    return BUCKETS * BUCKET_MS
  }
}
