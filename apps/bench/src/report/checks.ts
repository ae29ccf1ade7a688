import { rawOf, type TargetSpec } from '../targets/registry.js'
import { roomScenariosIn, type ReportedScenario } from '../scenarios/types.js'
import { heapPerConnection, type CostRatios, type Results } from './metrics.js'

/** One `bench <target> <label> ratio=<x>` line: one of the performance targets (docs/benchmarks.md), or information only. */
export interface Check {
  readonly target: string
  readonly label: string
  readonly ratio: number
  /** The per-round (or per-block) ratios the median came from, when there is one series. */
  readonly rounds?: readonly number[]
  /** What one entry of `rounds` is: a round, or a block of interleaved windows. */
  readonly per?: string
  /** Shown after the ratio: what it is compared with, and the limit when there is one. */
  readonly detail: string
  /** undefined: information only. */
  readonly pass: boolean | undefined
}

const signed = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${Math.round(bytes)}`

/**
 * RSS per connection over raw (what the target is judged on), then the live JS heap's share of it:
 * RSS also counts memory the allocator keeps after garbage (docs/benchmarks.md, finding 11).
 */
function memoryDetail(results: Results, target: string, raw: string): string {
  const heap = results.difference(target, raw, 'memory', heapPerConnection)
  return `${signed(results.difference(target, raw, 'memory'))} B/conn (JS heap ${signed(heap)})`
}

const at = (ratio: number, limit: number): boolean | undefined => (Number.isFinite(ratio) ? ratio <= limit : undefined)

/**
 * The performance targets, evaluated as ratios within the same run. CPU-per-op ratios for echo, typed
 * and fan-out come from `cpu` (the interleaved windows when they ran, else the rounds); handshake
 * and memory always from the rounds.
 */
export function evaluate(
  specs: readonly TargetSpec[],
  results: Results,
  available: (name: string) => boolean,
  cpu: CostRatios = results,
): Check[] {
  const checks: Check[] = []
  const add = (
    target: string,
    label: string,
    ratio: number,
    detail: string,
    pass: boolean | undefined,
    rounds?: readonly number[],
    per = 'blocks',
  ): void => void checks.push({ target, label, ratio, detail, pass, ...(rounds ? { rounds, per } : {}) })
  // Fan-out room sizes (`fanout-500`…) are held to fan-out's target, for each room a target was measured in.
  const rooms = roomScenariosIn(results.measurements.map((m) => m.result.scenario))
  const roomsOf = (target: string): ReportedScenario[] => rooms.filter((room) => results.of(target, room).length > 0)
  for (const spec of specs) {
    if (!available(spec.name) || spec.kind === 'raw') continue
    const raw = rawOf(spec)
    const vsRaw = (scenario: ReportedScenario, limit: number | undefined, as: ReportedScenario = scenario): void => {
      const source = scenario === 'handshake' ? results : cpu
      const rounds = source.ratios(spec.name, scenario, raw, as)
      const ratio = source.ratio(spec.name, scenario, raw, as)
      add(
        spec.name,
        scenario,
        ratio,
        `CPU/op vs ${raw}${limit ? ` ≤${limit}` : ''}, ${source.source}`,
        limit ? at(ratio, limit) : undefined,
        rounds,
        source === results ? 'rounds' : 'blocks',
      )
    }
    if (spec.kind !== 'wsbridge') {
      for (const scenario of ['echo', 'fanout', ...roomsOf(spec.name), 'handshake'] as const) vsRaw(scenario, undefined)
      add(
        spec.name,
        'memory',
        results.ratio(spec.name, 'memory', raw, 'memory'),
        `RSS/conn vs ${raw}, ${memoryDetail(results, spec.name, raw)}`,
        undefined,
      )
      continue
    }
    vsRaw('echo', 1.05)
    vsRaw('fanout', 1.05)
    for (const room of roomsOf(spec.name)) vsRaw(room, 1.05)
    vsRaw('handshake', undefined)
    const bytes = results.difference(spec.name, raw, 'memory')
    add(
      spec.name,
      'memory',
      results.ratio(spec.name, 'memory', raw, 'memory'),
      `RSS/conn vs ${raw}: ${memoryDetail(results, spec.name, raw)}, limit +1024`,
      Number.isFinite(bytes) ? bytes <= 1024 : undefined,
    )
    vsRaw('typed', 1.15, 'echo')
    const validation = cpu.ratio(spec.name, 'typed', spec.name, 'echo')
    add(spec.name, 'typed-vs-own-echo', validation, 'CPU/op, what validation adds', undefined)
    // crossws runs on Node and Bun here; Deno has no crossws target to compare with.
    const crossws = spec.runtime === 'deno' ? undefined : `crossws-${spec.runtime}`
    for (const scenario of ['echo', 'fanout'] as const) {
      if (crossws === undefined || !available(crossws)) continue
      const ratio = cpu.ratio(spec.name, scenario, crossws, scenario)
      add(
        spec.name,
        `${scenario}-vs-${crossws}`,
        ratio,
        `CPU/op, ahead when <1`,
        Number.isFinite(ratio) ? ratio < 1 : undefined,
        cpu.ratios(spec.name, scenario, crossws, scenario),
      )
    }
    if (spec.name.includes('hono')) {
      const plain = spec.runtime === 'node' ? 'hono-node' : 'hono-bun'
      for (const scenario of ['echo', 'fanout'] as const) {
        if (!available(plain)) continue
        const ratio = cpu.ratio(spec.name, scenario, plain, scenario)
        add(
          spec.name,
          `${scenario}-vs-${plain}`,
          ratio,
          'CPU/op vs plain Hono ws routes ≤1.05',
          at(ratio, 1.05),
          cpu.ratios(spec.name, scenario, plain, scenario),
        )
      }
    }
    if (spec.runtime === 'node' && available('socketio')) {
      // Request/response: server CPU per call against socket.io's emitWithAck, directly (both beside raw windows).
      const request = cpu.ratio(spec.name, 'request', 'socketio', 'request')
      add(
        spec.name,
        'request-vs-socketio',
        request,
        'server CPU per call vs socket.io emitWithAck ≤0.6',
        at(request, 0.6),
        cpu.ratios(spec.name, 'request', 'socketio', 'request'),
      )
      for (const scenario of ['echo', 'fanout'] as const) {
        // Margin over socket.io = sio/target; raw ws's margin = sio/raw. Their quotient is raw/target.
        const margin = cpu.ratio('socketio', scenario, spec.name, scenario)
        const rawMargin = cpu.ratio('socketio', scenario, raw, scenario)
        const ratio = margin / rawMargin
        add(
          spec.name,
          `${scenario}-vs-socketio`,
          ratio,
          `margin over socket.io ${margin.toFixed(2)}x vs ${raw}'s ${rawMargin.toFixed(2)}x, ≥0.95`,
          Number.isFinite(ratio) ? ratio >= 1 / 1.05 : undefined,
        )
      }
    }
  }
  return checks
}

export function formatCheck(check: Check): string {
  const verdict = check.pass === undefined ? 'info' : check.pass ? 'ok' : 'MISS'
  const rounds =
    check.rounds && check.rounds.length > 1 ? `; ${check.per ?? 'rounds'} ${check.rounds.map((r) => r.toFixed(2)).join(' ')}` : ''
  return `bench ${check.target} ${check.label} ratio=${Number.isFinite(check.ratio) ? check.ratio.toFixed(3) : 'n/a'} ${verdict} (${check.detail}${rounds})`
}
