import type { Parameters } from 'fast-check'

/**
 * How every fuzz property in this package runs. In `npm test` each property has a small fixed
 * count and one fixed seed, so CI is reproducible and bounded; `pnpm fuzz` sets
 * WSBRIDGE_FUZZ_RUNS (inputs per property) and WSBRIDGE_FUZZ_SEED=random. A failure prints
 * fast-check's `{ seed, path }`: WSBRIDGE_FUZZ_SEED=<seed> WSBRIDGE_FUZZ_PATH=<path> replays
 * exactly that counterexample. The conformance kit reads the same variables (its src/fuzz/settings.ts).
 */
export const DEFAULT_FUZZ_SEED = 15_0415

const env = (name: string): string | undefined => process.env[name] || undefined

function readSeed(): number {
  const raw = env('WSBRIDGE_FUZZ_SEED')
  if (raw === undefined) return DEFAULT_FUZZ_SEED
  if (raw === 'random') return (Math.random() * 0x1_0000_0000) | 0
  const seed = Number(raw)
  if (!Number.isInteger(seed)) throw new Error(`[wsbridge] WSBRIDGE_FUZZ_SEED must be an integer or "random", got ${JSON.stringify(raw)}`)
  return seed
}

function readRuns(): number | undefined {
  const raw = env('WSBRIDGE_FUZZ_RUNS')
  if (raw === undefined) return undefined
  const runs = Number(raw)
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`[wsbridge] WSBRIDGE_FUZZ_RUNS must be a positive integer, got ${JSON.stringify(raw)}`)
  return runs
}

/** One seed per process: every property of a run uses it, and each suite prints it. */
export const fuzzSeed = readSeed()
/** Inputs per property when set (long runs); otherwise each property's own CI count. */
export const fuzzRunsOverride = readRuns()
const replayPath = env('WSBRIDGE_FUZZ_PATH')

/** Counts the inputs one surface ran, across its properties, and prints them once. */
export class FuzzSurface {
  readonly name: string
  #inputs = 0

  constructor(name: string) {
    this.name = name
  }

  /** fast-check parameters for a property that runs `ciRuns` inputs in CI. */
  params<T>(ciRuns: number): Parameters<T> {
    const numRuns = fuzzRunsOverride ?? ciRuns
    return replayPath === undefined ? { seed: fuzzSeed, numRuns } : { seed: fuzzSeed, numRuns, path: replayPath, endOnFailure: true }
  }

  /** A test timeout for a property of `ciRuns` inputs at about `perInput` ms each, scaled to WSBRIDGE_FUZZ_RUNS. */
  timeout(ciRuns: number, perInput: number): number {
    return 10_000 + (fuzzRunsOverride ?? ciRuns) * perInput * 4
  }

  /** Wraps a predicate so every input it sees is counted. */
  counted<A extends unknown[], R>(predicate: (...args: A) => R): (...args: A) => R {
    return (...args) => {
      this.#inputs++
      return predicate(...args)
    }
  }

  get inputs(): number {
    return this.#inputs
  }

  /** The line the closing note reads: `fuzz <surface>: N inputs, seed S`. */
  report(): string {
    const line = `fuzz ${this.name}: ${this.#inputs} inputs, seed ${fuzzSeed}`
    console.log(line)
    return line
  }
}
