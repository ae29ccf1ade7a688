/**
 * `pnpm bench [--quick] [--only=a,b] [--rounds=N] [--blocks=N] [--scenarios=memory,echo] [--rooms=500,5000]
 * [--instrumentation=none|empty|otel]`: starts
 * every target server, measures idle memory and handshakes in rotated rounds, then echo, typed and
 * fan-out in interleaved windows next to the raw runtime (CPU per op, throughput, latency). Prints
 * one Markdown table and one `bench <target> <scenario> ratio=<x>` line per target and comparison.
 * See docs/benchmarks.md.
 */
import { execSync } from 'node:child_process'
import { fullConfig, quickConfig, type BenchConfig } from './config.js'
import { InterleavedResults } from './interleaved/results.js'
import { runInterleaved, type InterleavedLog } from './interleaved/run.js'
import { evaluate, formatCheck } from './report/checks.js'
import { Results } from './report/metrics.js'
import { renderTable } from './report/table.js'
import { buildNodeTargets } from './runner/build.js'
import { runRounds, startAll, type RunLog } from './runner/rounds.js'
import { scenarioNames } from './scenarios/types.js'
import { parseInstrumentationVariant } from './targets/instrumentation-variant.js'
import { rawOf, targets } from './targets/registry.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const quick = args.includes('--quick')
const base = quick ? quickConfig : fullConfig
const rounds = Number(option('rounds') ?? base.rounds)
const scenarios = option('scenarios')?.split(',')
const unknown = scenarios?.filter((s) => !(scenarioNames as readonly string[]).includes(s)) ?? []
if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${scenarioNames.join(', ')}`)
const blocks = Number(option('blocks') ?? base.interleaved.blocks)
// Fan-out room sizes besides the default room (`--rooms=` for none).
const rooms = option('rooms')?.split(',').filter(Boolean).map(Number) ?? base.interleaved.rooms
if (!rooms.every((size) => Number.isInteger(size) && size > 0)) throw new Error(`--rooms takes sizes such as 500,2000,5000`)
const config: BenchConfig = { ...base, rounds, ...(scenarios ? { scenarios } : {}), interleaved: { ...base.interleaved, blocks, rooms } }
// --instrumentation=empty|otel: what the wsbridge targets pass as `instrumentation` (targets/instrumentation-variant.ts),
// handed to the servers this process starts through their environment.
process.env['WSBRIDGE_BENCH_INSTRUMENTATION'] = parseInstrumentationVariant(option('instrumentation'))
const only = option('only')?.split(',')
// --only takes names or parts of names (--only=hono runs every Hono target); the raw runtime of each
// selected target always runs too, since every ratio divides by it.
const picked = only ? targets.filter((t) => only.some((part) => t.name.includes(part))) : targets
const specs = targets.filter((t) => picked.includes(t) || picked.some((p) => rawOf(p) === t.name))

const started = Date.now()
const log = (line: string): void => console.error(`[bench] ${line}`)
const machine = `${execSync('nproc').toString().trim()} cores, ${execSync("free -m | awk '/Mem:/ {print $2}'").toString().trim()} MiB RAM`
log(
  `${specs.length} targets: ${config.rounds} rounds (memory, handshake) + ${blocks} interleaved blocks (echo, typed, fanout) on ${machine}${quick ? ' (quick)' : ''}`,
)
await buildNodeTargets(specs)
const { servers, unavailable } = await startAll(specs, log)
let run: RunLog = { measurements: [], failures: [] }
let windows: InterleavedLog = { runs: [], failures: [] }
try {
  run = await runRounds(servers, config, log)
  windows = await runInterleaved(servers, config.interleaved, scenarios, log)
} finally {
  await Promise.all(servers.map((s) => s.stop()))
}
// Every window is also a measurement (its block as the round), so the table shows throughput and latency from them.
const windowMeasurements = windows.runs.flatMap((r) =>
  r.slices.map((slice) => ({ target: slice.server, round: slice.block, result: slice })),
)
const results = new Results([...run.measurements, ...windowMeasurements])
const cpu = new InterleavedResults(windows.runs)
const available = (name: string): boolean => results.measurements.some((m) => m.target === name)

console.log(`\n## wsbridge bench — ${new Date().toISOString()} — ${machine} — \`pnpm bench ${args.join(' ')}\`\n`)
console.log(renderTable(specs, results, cpu))
for (const [name, reason] of unavailable) console.log(`- ${name}: not available (${reason.slice(0, 200)})`)
for (const failure of [...run.failures, ...windows.failures]) console.log(`- failed: ${failure.slice(0, 300)}`)
console.log(
  `\n_Memory and handshake: medians of ${config.rounds} rounds, × raw within each round. Echo, typed and fan-out: medians over ${blocks} blocks of ` +
    `interleaved ${config.interleaved.windowMs} ms windows, × raw = each window's server CPU per op over the mean of the raw windows either side ` +
    `(middle half of the blocks in brackets). ${((Date.now() - started) / 1000).toFixed(0)} s._\n`,
)
// A subset (--scenarios) leaves some comparisons without data: only lines with a ratio are printed then.
const checks = evaluate(specs, results, available, cpu).filter((check) => !scenarios || Number.isFinite(check.ratio))
for (const check of checks) console.log(formatCheck(check))
