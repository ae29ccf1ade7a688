import { median } from '../report/metrics.js'
import { interleavedScenarios } from './job.js'
import { sliceCost, type InterleavedResults } from './results.js'

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–')

/** The value at quantile q of the sorted finite values (nearest rank). */
const quantile = (values: readonly number[], q: number): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

/**
 * One Markdown table of the interleaved windows: per target and scenario, the median normalized
 * cost (× raw) with its middle half over blocks, so the reader sees how tight each ratio is.
 */
export function renderInterleavedTable(results: InterleavedResults): string {
  const lines = [
    '| target | scenario | × raw (median) | middle half of blocks | blocks | server CPU/op | throughput | server CPU | client CPU | errors |',
    '|---|---|---:|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const scenario of interleavedScenarios) {
    for (const run of results.runs.filter((r) => r.scenario === scenario)) {
      for (const name of [...new Set(run.slices.map((s) => s.server))]) {
        const windows = run.slices.filter((s) => s.server === name)
        const normalized = results.normalized(name, scenario) ?? windows.map(() => 1)
        const m = (figure: (s: (typeof windows)[number]) => number): number => median(windows.map(figure))
        lines.push(
          `| ${name} | ${name === run.raw && scenario === 'typed' ? 'echo (raw)' : scenario} | ${fmt(median(normalized), 3)} | ${fmt(quantile(normalized, 0.25), 3)}–${fmt(quantile(normalized, 0.75), 3)} | ${normalized.length} | ` +
            `${fmt(m(sliceCost), 2)} µs | ${fmt(m((s) => (s.ops * 1000) / s.wallMs))}/s | ${fmt(m((s) => (s.serverCpuMs / s.wallMs) * 100))}% | ` +
            `${fmt(m((s) => (s.clientCpuMs / s.wallMs) * 100))}% | ${fmt(windows.reduce((sum, s) => sum + s.errors, 0))} |`,
        )
      }
    }
  }
  return lines.join('\n')
}
