import type { Parameters } from 'fast-check'

/**
 * How every fuzz property in this package runs. In `npm test` each property has a small fixed
 * count and one fixed seed, so CI is reproducible and bounded; `pnpm fuzz` sets
 * WSBRIDGE_FUZZ_RUNS (inputs per property) and WSBRIDGE_FUZZ_SEED=random. A failure prints
 * fast-check's `{ seed, path }`: WSBRIDGE_FUZZ_SEED=<seed> WSBRIDGE_FUZZ_PATH=<path> replays
 * exactly that counterexample. The variables are parsed once, by the conformance kit's src/fuzz/settings.ts.
 */
// The kit's parser of WSBRIDGE_FUZZ_SEED/RUNS/PATH, read by path like text.ts: one reading of the variables.
import { fuzzReplayPath as replayPath, fuzzRunsOverride, fuzzSeed } from '../../../conformance/src/fuzz/settings.js'

export { fuzzRunsOverride, fuzzSeed }

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
