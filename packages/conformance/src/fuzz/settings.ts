import fc, { type Parameters, type Plugin } from 'fast-check'

/**
 * How the fuzz cases run. In `npm test` every property has a small fixed count and one fixed seed,
 * so the suite stays bounded and reproducible; `pnpm fuzz` sets WSBRIDGE_FUZZ_RUNS (inputs per
 * property) and WSBRIDGE_FUZZ_SEED=random. A failure prints fast-check's `{ seed, path }`:
 * WSBRIDGE_FUZZ_SEED=<seed> WSBRIDGE_FUZZ_PATH=<path> replays exactly that counterexample.
 * (`@wsbridge/core`'s own fuzz tests read the same variables; see docs/contributing.md.)
 */
export const DEFAULT_FUZZ_SEED = 15_0415

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name] || undefined

function readSeed(): number {
  const raw = env('WSBRIDGE_FUZZ_SEED')
  if (raw === undefined) return DEFAULT_FUZZ_SEED
  if (raw === 'random') return (Math.random() * 0x1_0000_0000) | 0
  const seed = Number(raw)
  if (!Number.isInteger(seed))
    throw new Error(`[wsbridge/conformance] WSBRIDGE_FUZZ_SEED must be an integer or "random", got ${JSON.stringify(raw)}`)
  return seed
}

function readRuns(): number | undefined {
  const raw = env('WSBRIDGE_FUZZ_RUNS')
  if (raw === undefined) return undefined
  const runs = Number(raw)
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`[wsbridge/conformance] WSBRIDGE_FUZZ_RUNS must be a positive integer, got ${JSON.stringify(raw)}`)
  return runs
}

/** One seed per process, printed by every fuzz case. */
export const fuzzSeed = readSeed()
/** Inputs per property when WSBRIDGE_FUZZ_RUNS is set (long runs), else undefined. */
export const fuzzRunsOverride = readRuns()
/** The counterexample path to replay (WSBRIDGE_FUZZ_PATH), if any. */
export const fuzzReplayPath = env('WSBRIDGE_FUZZ_PATH')

/** Inputs a property runs: its CI count, or WSBRIDGE_FUZZ_RUNS when set. */
export const fuzzRuns = (ciRuns: number): number => fuzzRunsOverride ?? ciRuns

/**
 * A case's time budget for `runs` inputs of about `perInput` ms each (over sockets), with room for
 * shrinking a counterexample; the property itself stops generating at 80% of it (see fuzzParams).
 */
export const fuzzTimeout = (ciRuns: number, perInput: number): number => 15_000 + fuzzRuns(ciRuns) * perInput * 3

/** fast-check parameters for a property of a case whose budget is `timeout` ms. */
export function fuzzParams<T>(ciRuns: number, timeout: number): Parameters<T> {
  const params: Parameters<T> = {
    seed: fuzzSeed,
    numRuns: fuzzRuns(ciRuns),
    plugins: [fc.interruptAfterTimeLimit(Math.floor(timeout * 0.8)) as Plugin<T>],
  }
  return fuzzReplayPath === undefined ? params : { ...params, path: fuzzReplayPath, endOnFailure: true }
}

/** Counts the inputs one case ran; `report` prints `fuzz <surface> (<host>): N inputs, seed S`. */
export class FuzzCounter {
  inputs = 0

  counted<A extends unknown[], R>(predicate: (...args: A) => R): (...args: A) => R {
    return (...args) => {
      this.inputs++
      return predicate(...args)
    }
  }

  report(surface: string, host: string): void {
    console.log(`fuzz ${surface} (${host}): ${this.inputs} inputs, seed ${fuzzSeed}`)
  }
}
