import type { Measurement } from '../runner/rounds.js'
import type { ReportedScenario, ScenarioResult } from '../scenarios/types.js'

export const median = (values: readonly number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The value at quantile q (0..1) of the finite values, nearest rank. */
export const quantile = (values: readonly number[], q: number): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

/** The figure a scenario's ratios compare: server CPU µs per op, or RSS bytes per idle connection. */
export function cost(result: ScenarioResult): number {
  if (result.scenario === 'memory') return result.bytesPerConnection ?? Number.NaN
  return result.ops > 0 ? (result.serverCpuMs * 1000) / result.ops : Number.NaN
}

export const throughput = (result: ScenarioResult): number => (result.ops * 1000) / result.wallMs

/** Memory scenario: live JS heap growth per connection (NaN when the server did not report it). */
export const heapPerConnection = (result: ScenarioResult): number => result.heapBytesPerConnection ?? Number.NaN

/** Where the CPU-per-op ratios come from: the rounds, or the interleaved windows. */
export interface CostRatios {
  readonly source: string
  /** The per-round (per-block) ratios of a's cost to b's, in order. */
  ratios(a: string, scenarioA: ReportedScenario, b: string, scenarioB: ReportedScenario): number[]
  /** Their median. */
  ratio(a: string, scenarioA: ReportedScenario, b: string, scenarioB: ReportedScenario): number
}

export class Results implements CostRatios {
  readonly source = 'rounds'
  readonly measurements: readonly Measurement[]

  constructor(measurements: readonly Measurement[]) {
    this.measurements = measurements
  }

  of(target: string, scenario: ReportedScenario): ScenarioResult[] {
    return this.measurements.filter((m) => m.target === target && m.result.scenario === scenario).map((m) => m.result)
  }

  /** Median over rounds of any figure of one target's scenario. */
  median(target: string, scenario: ReportedScenario, figure: (r: ScenarioResult) => number): number {
    return median(this.of(target, scenario).map(figure))
  }

  /**
   * Median over rounds of a/b, each ratio taken within one round (same machine state), so drift
   * between rounds cancels out. `figure` defaults to `cost`.
   */
  ratio(
    a: string,
    scenarioA: ReportedScenario,
    b: string,
    scenarioB: ReportedScenario,
    figure: (r: ScenarioResult) => number = cost,
  ): number {
    return median(this.ratios(a, scenarioA, b, scenarioB, figure))
  }

  /** The per-round ratios behind `ratio`, in round order (shown so a reader sees the spread). */
  ratios(
    a: string,
    scenarioA: ReportedScenario,
    b: string,
    scenarioB: ReportedScenario,
    figure: (r: ScenarioResult) => number = cost,
  ): number[] {
    const ratios: number[] = []
    for (const m of this.measurements) {
      if (m.target !== a || m.result.scenario !== scenarioA) continue
      const other = this.measurements.find((o) => o.target === b && o.round === m.round && o.result.scenario === scenarioB)
      if (other) ratios.push(figure(m.result) / figure(other.result))
    }
    return ratios
  }

  /** Median over rounds of a − b (used for memory: bytes per connection above raw). `figure` defaults to `cost`. */
  difference(a: string, b: string, scenario: ReportedScenario, figure: (r: ScenarioResult) => number = cost): number {
    const diffs: number[] = []
    for (const m of this.measurements) {
      if (m.target !== a || m.result.scenario !== scenario) continue
      const other = this.measurements.find((o) => o.target === b && o.round === m.round && o.result.scenario === scenario)
      if (other) diffs.push(figure(m.result) - figure(other.result))
    }
    return median(diffs)
  }
}
