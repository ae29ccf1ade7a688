import { median, quantile } from '../report/metrics.js'
import { fmt } from '../report/table.js'
import type { ClusterWindow } from './generator.js'

/** Server CPU (summed over the configuration's instances) in µs per delivery. */
const costOf = (w: ClusterWindow): number => (w.ops > 0 ? (w.serverCpuMs * 1000) / w.ops : Number.NaN)

/** Each block's ratio of a configuration's CPU per delivery to the baseline's in the same block. */
export function blockRatios(windows: readonly ClusterWindow[], config: string, baseline: string): number[] {
  const ratios: number[] = []
  for (const w of windows) {
    if (w.config !== config) continue
    const base = windows.find((b) => b.config === baseline && b.block === w.block)
    if (base) ratios.push(costOf(w) / costOf(base))
  }
  return ratios
}

/**
 * The cluster bench's Markdown table: per configuration the medians over its windows, and its CPU
 * per delivery as a ratio to the single instance with no backplane, taken block by block (like the
 * interleaved bench's ratios to raw), middle half of the blocks in brackets.
 */
export function renderClusterTable(
  windows: readonly ClusterWindow[],
  configs: readonly { readonly name: string; readonly instances: string }[],
  baseline: string,
): string {
  const lines = [
    '| configuration | instances | deliveries/s | p50 ms | p99 ms | server CPU/delivery (Σ instances) | × single | server CPU (Σ) | client CPU | lost |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const { name, instances } of configs) {
    const own = windows.filter((w) => w.config === name)
    if (own.length === 0) continue
    const m = (figure: (w: ClusterWindow) => number): number => median(own.map(figure))
    const ratios = name === baseline ? [1] : blockRatios(windows, name, baseline)
    const spread = ratios.length >= 4 ? ` (${fmt(quantile(ratios, 0.25), 2)}–${fmt(quantile(ratios, 0.75), 2)})` : ''
    const pct = (cpu: (w: ClusterWindow) => number) => m((w) => (cpu(w) / w.wallMs) * 100)
    lines.push(
      `| ${name} | ${instances} | ${fmt(m((w) => (w.ops * 1000) / w.wallMs))} | ${fmt(
        m((w) => w.p50Ms),
        2,
      )} | ${fmt(
        m((w) => w.p99Ms),
        2,
      )} | ` +
        `${fmt(m(costOf), 2)} µs | ${fmt(median(ratios), 2)}${spread} | ${fmt(pct((w) => w.serverCpuMs))}% | ${fmt(pct((w) => w.clientCpuMs))}% | ` +
        `${fmt(own.reduce((sum, w) => sum + w.errors, 0))} |`,
    )
  }
  return lines.join('\n')
}
