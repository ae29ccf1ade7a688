import { describe, expect, it } from 'vitest'
import type { Slice } from '../src/interleaved/job.js'
import { InterleavedResults } from '../src/interleaved/results.js'
import type { InterleavedRun } from '../src/interleaved/run.js'
import { evaluate } from '../src/report/checks.js'
import { Results } from '../src/report/metrics.js'
import { renderTable } from '../src/report/table.js'
import { targets } from '../src/targets/registry.js'

/** A window of `ops` operations that cost `cpuUsPerOp` µs of server CPU each. */
const window = (server: string, block: number, position: number, cpuUsPerOp: number, ops = 1000): Slice => ({
  scenario: 'echo',
  server,
  block,
  position,
  ops,
  serverCpuMs: (cpuUsPerOp * ops) / 1000,
  clientCpuMs: 1,
  wallMs: 400,
  errors: 0,
})

/**
 * The generator's order: raw, then per block each target followed by raw. `machine(position)`
 * scales every cost, standing in for host noise that drifts between windows.
 */
function run(
  costs: Record<string, number>,
  blocks: number,
  machine: (position: number) => number,
  scenario: InterleavedRun['scenario'] = 'echo',
): InterleavedRun {
  const slices: Slice[] = []
  let position = 0
  const add = (server: string, block: number): void =>
    void slices.push(window(server, block, position, costs[server]! * machine(position++)))
  const names = Object.keys(costs).filter((n) => n !== 'raw-ws')
  add('raw-ws', 0)
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < names.length; i++) {
      add(names[(i + block) % names.length]!, block)
      add('raw-ws', block)
    }
  }
  return { scenario, raw: 'raw-ws', slices }
}

describe('interleaved ratios', () => {
  it('divide each target window by the raw windows either side, so slow drift cancels', () => {
    // The machine gets 3x slower over the run: a whole-run comparison would be meaningless.
    const drift = (position: number): number => 1 + position / 20
    const results = new InterleavedResults([run({ 'raw-ws': 10, 'wsbridge-node-ws': 10.3, 'crossws-node': 12 }, 9, drift)])
    // The raw windows sit one position either side, so their mean carries the same linear drift.
    expect(results.ratio('wsbridge-node-ws', 'echo', 'raw-ws', 'echo')).toBeCloseTo(1.03, 5)
    expect(results.ratios('wsbridge-node-ws', 'echo', 'raw-ws', 'echo')).toHaveLength(9)
    // Target vs target: the quotient of their ratios to raw.
    expect(results.ratio('wsbridge-node-ws', 'echo', 'crossws-node', 'echo')).toBeCloseTo(10.3 / 12, 2)
  })

  it('take the median over blocks, so one disturbed window does not decide a verdict', () => {
    const spike = (position: number): number => (position === 5 ? 3 : 1)
    const results = new InterleavedResults([run({ 'raw-ws': 10, 'wsbridge-node-ws': 10.2 }, 7, spike)])
    expect(results.ratio('wsbridge-node-ws', 'echo', 'raw-ws', 'echo')).toBeCloseTo(1.02, 5)
  })

  it('compare the typed route with the raw runtime echo measured in the same run', () => {
    const typed = run({ 'raw-ws': 10, 'wsbridge-node-ws': 11 }, 5, () => 1, 'typed')
    const echo = run({ 'raw-ws': 10, 'wsbridge-node-ws': 10.5 }, 5, () => 1)
    const results = new InterleavedResults([echo, typed])
    expect(results.ratio('wsbridge-node-ws', 'typed', 'raw-ws', 'echo')).toBeCloseTo(1.1, 5)
    expect(results.ratio('wsbridge-node-ws', 'typed', 'wsbridge-node-ws', 'echo')).toBeCloseTo(11 / 10.5, 5)
  })

  it('feed the target verdict lines: ok at 1.04, MISS at 1.06', () => {
    const specs = targets.filter((t) => t.name === 'raw-ws' || t.name === 'wsbridge-node-ws' || t.name === 'wsbridge-express')
    const results = new InterleavedResults([run({ 'raw-ws': 10, 'wsbridge-node-ws': 10.4, 'wsbridge-express': 10.6 }, 5, () => 1)])
    const checks = evaluate(specs, new Results([]), () => true, results).filter((c) => c.label === 'echo')
    expect(checks.map((c) => [c.target, c.pass])).toEqual([
      ['wsbridge-node-ws', true],
      ['wsbridge-express', false],
    ])
  })

  it('report each fan-out room size as a scenario of its own, from one run per target, held to the fan-out target', () => {
    const specs = targets.filter((t) => t.name === 'raw-ws' || t.name === 'wsbridge-node-ws' || t.name === 'wsbridge-express')
    const rooms = [
      run({ 'raw-ws': 10, 'wsbridge-node-ws': 10.4 }, 3, () => 1, 'fanout-5000'),
      run({ 'raw-ws': 10, 'wsbridge-express': 10.6 }, 3, () => 1, 'fanout-5000'),
      run({ 'raw-ws': 5, 'wsbridge-node-ws': 5 }, 3, () => 1, 'fanout-500'),
    ]
    const windows = new Results(
      rooms.flatMap((r) =>
        r.slices.map((slice) => ({ target: slice.server, round: slice.block, result: { ...slice, scenario: r.scenario } })),
      ),
    )
    const cpu = new InterleavedResults(rooms)
    const checks = evaluate(specs, windows, () => true, cpu).filter((c) => /^fanout-\d+$/.test(c.label))
    expect(checks.map((c) => [c.target, c.label, c.ratio.toFixed(2), c.pass])).toEqual([
      ['wsbridge-node-ws', 'fanout-500', '1.00', true],
      ['wsbridge-node-ws', 'fanout-5000', '1.04', true],
      ['wsbridge-express', 'fanout-5000', '1.06', false],
    ])
    const rows = renderTable(specs, windows, cpu)
      .split('\n')
      .filter((line) => line.includes('fanout-'))
      .map((line) =>
        line
          .split('|')
          .slice(1, 3)
          .map((cell) => cell.trim()),
      )
    // Smallest room first, after the other scenarios, for the raw runtime too.
    expect(rows).toEqual([
      ['raw-ws', 'fanout-500'],
      ['raw-ws', 'fanout-5000'],
      ['wsbridge-node-ws', 'fanout-500'],
      ['wsbridge-node-ws', 'fanout-5000'],
      ['wsbridge-express', 'fanout-5000'],
    ])
  })
})
