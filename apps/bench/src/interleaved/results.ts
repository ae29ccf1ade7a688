import { cost, median, type CostRatios } from '../report/metrics.js'
import type { ReportedScenario } from '../scenarios/types.js'
import type { Slice } from './job.js'
import type { InterleavedRun } from './run.js'

/**
 * Ratios from interleaved windows. Each target window is divided by the mean of the raw windows
 * just before and after it (its "normalized cost", one per block); a ratio between two targets is
 * the median over blocks of the quotient of their normalized costs, so raw cancels and so does any
 * noise slower than a few windows.
 */
export class InterleavedResults implements CostRatios {
  readonly source = 'interleaved windows'

  readonly runs: readonly InterleavedRun[]

  constructor(runs: readonly InterleavedRun[]) {
    this.runs = runs
  }

  /** Normalized cost per block, in block order; undefined for the raw server itself (always 1). */
  normalized(target: string, scenario: ReportedScenario): number[] | undefined {
    const run = this.runs.find((r) => r.scenario === scenario && r.slices.some((s) => s.server === target))
    if (!run) return this.runs.some((r) => r.raw === target) ? undefined : []
    if (run.raw === target) return undefined
    const at = new Map(run.slices.map((s) => [s.position, s]))
    return run.slices
      .filter((s) => s.server === target)
      .map((s) => {
        const neighbours = [at.get(s.position - 1), at.get(s.position + 1)].filter((n): n is Slice => n?.server === run.raw).map(cost)
        return cost(s) / (neighbours.reduce((sum, c) => sum + c, 0) / neighbours.length)
      })
  }

  ratios(a: string, scenarioA: ReportedScenario, b: string, scenarioB: ReportedScenario): number[] {
    const na = this.normalized(a, scenarioA)
    const nb = this.normalized(b, scenarioB)
    const blocks = Math.min(na?.length ?? Infinity, nb?.length ?? Infinity)
    if (!Number.isFinite(blocks)) return [1]
    return Array.from({ length: blocks }, (_, i) => (na?.[i] ?? 1) / (nb?.[i] ?? 1))
  }

  ratio(a: string, scenarioA: ReportedScenario, b: string, scenarioB: ReportedScenario): number {
    return median(this.ratios(a, scenarioA, b, scenarioB))
  }
}
