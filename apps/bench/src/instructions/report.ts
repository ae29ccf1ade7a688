import { median } from '../report/metrics.js'
import { fmt } from '../report/table.js'
import { rawOf, targets, type TargetSpec } from '../targets/registry.js'
import { perOp, type InstructionCount } from './measure.js'
import { instructionScenarios, isCounted, type CountedRuntime, type InstructionScenario } from './settings.js'

/** Counts per target and scenario, one per run. */
export class InstructionResults {
  readonly counts: readonly InstructionCount[]

  constructor(counts: readonly InstructionCount[]) {
    this.counts = counts
  }

  of(target: string, scenario: InstructionScenario): InstructionCount[] {
    return this.counts.filter((c) => c.target === target && c.scenario === scenario)
  }

  /** Median over runs of instructions per op (without V8's compiler, see measure.ts). */
  perOp(target: string, scenario: InstructionScenario): number {
    return median(this.of(target, scenario).map(perOp))
  }

  /** (largest − smallest) ÷ smallest of the runs' instructions per op; NaN with one run. */
  spread(target: string, scenario: InstructionScenario): number {
    const values = this.of(target, scenario).map(perOp)
    if (values.length < 2) return Number.NaN
    return (Math.max(...values) - Math.min(...values)) / Math.min(...values)
  }

  ratio(a: string, scenarioA: InstructionScenario, b: string, scenarioB: InstructionScenario): number {
    return this.perOp(a, scenarioA) / this.perOp(b, scenarioB)
  }
}

const pct = (n: number, digits = 2): string => (Number.isFinite(n) ? `${(n * 100).toFixed(digits)}%` : '–')

/** What the raw runtime serves for a scenario: its echo is the reference for typed and request. */
const rawScenario = (scenario: InstructionScenario): InstructionScenario =>
  scenario === 'typed' || scenario === 'request' ? 'echo' : scenario

/** The ratio each row compares with: its raw runtime's figure (typed, request: the raw runtime's echo). */
const rawRatio = (results: InstructionResults, spec: TargetSpec, scenario: InstructionScenario): number =>
  spec.name === rawOf(spec) ? 1 : results.ratio(spec.name, scenario, rawOf(spec), rawScenario(scenario))

/**
 * Instructions per op above the raw runtime's: a per-message overhead is the same number under any
 * load shape, while the ratio depends on how much the raw runtime spends per message (more when
 * every message is its own event-loop turn, as in ping-pong echo, than when a read brings several).
 */
const overRaw = (results: InstructionResults, spec: TargetSpec, scenario: InstructionScenario): number =>
  spec.name === rawOf(spec) ? 0 : results.perOp(spec.name, scenario) - results.perOp(rawOf(spec), rawScenario(scenario))

export function renderTable(specs: readonly TargetSpec[], results: InstructionResults): string {
  const lines = [
    '| target | scenario | instructions/op | × raw | + raw/op | spread over runs | ops/window | V8 compiler (left out) | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const spec of specs) {
    for (const scenario of instructionScenarios) {
      const counts = results.of(spec.name, scenario)
      if (counts.length === 0) continue
      const compiler = median(counts.map((c) => c.compiler / c.instructions))
      lines.push(
        `| ${spec.name} | ${scenario} | ${fmt(results.perOp(spec.name, scenario))} | ${fmt(rawRatio(results, spec, scenario), 3)} | ${fmt(overRaw(results, spec, scenario))} | ` +
          `${counts.length > 1 ? `${pct(results.spread(spec.name, scenario), 3)} (${counts.length})` : '–'} | ${fmt(median(counts.map((c) => c.ops)))} | ` +
          `${pct(compiler)} | ${fmt(counts.reduce((sum, c) => sum + c.errors, 0))} |`,
      )
    }
  }
  return lines.join('\n')
}

/**
 * Counts to read with care: a window that closed after the first heartbeat pings could, or one
 * with compiler work in it (the warm-up was too short), or with lost deliveries.
 */
export function warnings(results: InstructionResults, windowDeadlineMs: Record<CountedRuntime, number>): string[] {
  const lines: string[] = []
  for (const c of results.counts) {
    const what = `${c.target} ${c.scenario} run ${c.run + 1}`
    const runtime = targets.filter(isCounted).find((t) => t.name === c.target)?.runtime ?? 'node'
    if (c.windowEndMs > windowDeadlineMs[runtime])
      lines.push(
        `- ${what}: the window closed ${(c.windowEndMs / 1000).toFixed(1)} s after the generator started, when the first heartbeat pings may have gone out (a busy machine)`,
      )
    if (c.compiler / c.instructions > 0.005)
      lines.push(
        `- ${what}: ${pct(c.compiler / c.instructions)} of the window in V8's compiler (left out of the count, but code ran unoptimized until then): warm-up too short`,
      )
    if (c.errors > 0) lines.push(`- ${what}: ${c.errors} errors (lost deliveries are written off after 1 s without progress)`)
  }
  return lines
}

/**
 * One `bench-instr <target> <label> ratio=<x>` line per comparison, with the same limits as
 * report/checks.ts (there on server CPU per op, here on instructions per op).
 */
export function comparisons(specs: readonly TargetSpec[], results: InstructionResults): string[] {
  const lines: string[] = []
  const has = (name: string, scenario: InstructionScenario): boolean => results.of(name, scenario).length > 0
  const line = (target: string, label: string, ratio: number, detail: string, pass?: boolean): void => {
    if (!Number.isFinite(ratio)) return
    lines.push(`bench-instr ${target} ${label} ratio=${ratio.toFixed(3)} ${pass === undefined ? 'info' : pass ? 'ok' : 'MISS'} (${detail})`)
  }
  for (const spec of specs) {
    if (spec.kind === 'raw') continue
    const raw = rawOf(spec)
    for (const scenario of ['echo', 'fanout'] as const) {
      const ratio = results.ratio(spec.name, scenario, raw, scenario)
      if (spec.kind === 'wsbridge') line(spec.name, scenario, ratio, `instructions/op vs ${raw} ≤1.05`, ratio <= 1.05)
      else line(spec.name, scenario, ratio, `instructions/op vs ${raw}`)
    }
    if (spec.kind !== 'wsbridge') continue
    const typed = results.ratio(spec.name, 'typed', raw, 'echo')
    line(spec.name, 'typed', typed, `instructions/op vs ${raw} echo ≤1.15`, typed <= 1.15)
    line(spec.name, 'typed-vs-own-echo', results.ratio(spec.name, 'typed', spec.name, 'echo'), 'what validation adds')
    line(spec.name, 'request-vs-own-echo', results.ratio(spec.name, 'request', spec.name, 'echo'), 'what a request costs over a message')
    if (has('socketio', 'request')) {
      const vsSocketIo = results.ratio(spec.name, 'request', 'socketio', 'request')
      line(spec.name, 'request-vs-socketio', vsSocketIo, 'instructions/call vs socket.io emitWithAck ≤0.6', vsSocketIo <= 0.6)
    }
    const crossws = `crossws-${spec.runtime}`
    const plain = `hono-${spec.runtime}`
    for (const scenario of ['echo', 'fanout'] as const) {
      const vsCrossws = results.ratio(spec.name, scenario, crossws, scenario)
      if (has(crossws, scenario)) line(spec.name, `${scenario}-vs-${crossws}`, vsCrossws, 'ahead when <1', vsCrossws < 1)
      const vsHono = results.ratio(spec.name, scenario, plain, scenario)
      if (spec.name.includes('hono') && has(plain, scenario))
        line(spec.name, `${scenario}-vs-${plain}`, vsHono, 'vs plain Hono ws routes ≤1.05', vsHono <= 1.05)
      if (spec.runtime === 'node' && has('socketio', scenario)) {
        // Margin over socket.io = sio/target; raw ws's = sio/raw; their quotient is raw/target.
        const margin = results.ratio('socketio', scenario, spec.name, scenario)
        const rawMargin = results.ratio('socketio', scenario, raw, scenario)
        const ratio = margin / rawMargin
        // socket.io's fan-out count depends on timing (settings.ts): shown, not judged.
        if (scenario === 'fanout')
          line(
            spec.name,
            `${scenario}-vs-socketio`,
            ratio,
            `margin over socket.io ${margin.toFixed(2)}x vs ${raw}'s ${rawMargin.toFixed(2)}x; socket.io's fan-out count moves with timing`,
          )
        else
          line(
            spec.name,
            `${scenario}-vs-socketio`,
            ratio,
            `margin over socket.io ${margin.toFixed(2)}x vs ${raw}'s ${rawMargin.toFixed(2)}x, ≥0.95`,
            ratio >= 1 / 1.05,
          )
      }
    }
  }
  return lines
}
