import { roomScenariosIn, scenarioNames, type ReportedScenario, type ScenarioResult } from '../scenarios/types.js'
import { rawOf, type TargetSpec } from '../targets/registry.js'
import { cost, median, quantile, throughput, type CostRatios, type Results } from './metrics.js'

const units: Record<string, string> = {
  memory: 'conns',
  handshake: 'hs/s',
  echo: 'msg/s',
  typed: 'msg/s',
  fanout: 'deliv/s',
  request: 'req/s',
}
const unitOf = (scenario: ReportedScenario): string => units[scenario] ?? units['fanout']!

/** A figure with thousands separators and `digits` decimals; '–' for a missing one. */
export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–'
const pct = (r: ScenarioResult, cpu: number): number => (cpu / r.wallMs) * 100

/**
 * One Markdown table: medians over rounds (memory, handshake) or over interleaved windows (echo,
 * typed, fan-out) for every target and scenario, with ratios to raw; CPU-per-op ratios come from
 * `cpu`, with the middle half of their blocks when there are enough to show a spread.
 */
export function renderTable(specs: readonly TargetSpec[], results: Results, cpu: CostRatios = results): string {
  const lines = [
    '| target | scenario | throughput | server CPU/op | × raw | p50 ms | p99 ms | server CPU | client CPU | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  // Fan-out room sizes (`fanout-500`…) after the scenarios, smallest room first.
  const scenarios = [...scenarioNames, ...roomScenariosIn(results.measurements.map((m) => m.result.scenario))]
  for (const spec of specs) {
    for (const scenario of scenarios) {
      const runs = results.of(spec.name, scenario)
      if (runs.length === 0) continue
      const m = (figure: (r: ScenarioResult) => number): number => results.median(spec.name, scenario, figure)
      const raw = rawOf(spec)
      const source = scenario === 'memory' || scenario === 'handshake' ? results : cpu
      const ratios =
        spec.name === raw
          ? [1]
          : source.ratios(spec.name, scenario, raw, scenario === 'typed' || scenario === 'request' ? 'echo' : scenario)
      const spread = ratios.length >= 4 ? ` (${fmt(quantile(ratios, 0.25), 2)}–${fmt(quantile(ratios, 0.75), 2)})` : ''
      const costCell = scenario === 'memory' ? `${fmt(m(cost))} B/conn` : `${fmt(m(cost), 2)} µs`
      const rate = scenario === 'memory' ? `${fmt(m((r) => r.ops))} ${unitOf(scenario)}` : `${fmt(m(throughput))} ${unitOf(scenario)}`
      lines.push(
        `| ${spec.name} | ${scenario} | ${rate} | ${costCell} | ${fmt(median(ratios), 3)}${spread} | ${fmt(
          m((r) => r.p50Ms ?? Number.NaN),
          2,
        )} | ${fmt(
          m((r) => r.p99Ms ?? Number.NaN),
          2,
        )} | ` +
          `${fmt(m((r) => pct(r, r.serverCpuMs)))}% | ${fmt(m((r) => pct(r, r.clientCpuMs)))}% | ${fmt(runs.reduce((sum, r) => sum + r.errors, 0))} |`,
      )
    }
  }
  return lines.join('\n')
}
