/**
 * `pnpm bench [--quick] [--only=a,b] [--rounds=N] [--scenarios=memory,echo] [--interleaved | --no-interleaved] [--blocks=N]`:
 * starts every target server, drives each with the Bun load generator in rotated rounds, then
 * (unless --quick without --interleaved) measures CPU per op again in interleaved windows next to
 * the raw runtime. Prints the Markdown tables and one `bench <target> <scenario> ratio=<x>` line
 * per target and comparison. See docs/benchmarks.md.
 */
import { execSync } from 'node:child_process'
import { fullConfig, quickConfig, type BenchConfig } from './config.js'
import { InterleavedResults } from './interleaved/results.js'
import { runInterleaved } from './interleaved/run.js'
import { renderInterleavedTable } from './interleaved/table.js'
import { evaluate, formatCheck } from './report/checks.js'
import { Results } from './report/metrics.js'
import { renderTable } from './report/table.js'
import { buildNodeTargets } from './runner/build.js'
import { runRounds, type RunLog } from './runner/rounds.js'
import { scenarioNames } from './scenarios/types.js'
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
const config: BenchConfig = { ...base, rounds, ...(scenarios ? { scenarios } : {}), interleaved: { ...base.interleaved, blocks } }
const interleaved = args.includes('--interleaved') || (!quick && !args.includes('--no-interleaved'))
const only = option('only')?.split(',')
// --only takes names or parts of names (--only=hono runs every Hono target); the raw runtime of each
// selected target always runs too, since every ratio divides by it.
const picked = only ? targets.filter((t) => only.some((part) => t.name.includes(part))) : targets
const specs = targets.filter((t) => picked.includes(t) || picked.some((p) => rawOf(p) === t.name))

const started = Date.now()
const log = (line: string): void => console.error(`[bench] ${line}`)
const machine = `${execSync('nproc').toString().trim()} cores, ${execSync("free -m | awk '/Mem:/ {print $2}'").toString().trim()} MiB RAM`
log(`${specs.length} targets × ${config.rounds} rounds${interleaved ? ` + ${blocks} interleaved blocks` : ''} on ${machine}${quick ? ' (quick)' : ''}`)
await buildNodeTargets(specs)
const run: RunLog = config.rounds > 0 ? await runRounds(specs, config, log) : { measurements: [], unavailable: new Map(), failures: [] }
const windows = interleaved ? await runInterleaved(specs, config.interleaved, scenarios, log) : undefined
const results = new Results(run.measurements)
const cpu = windows ? new InterleavedResults(windows.runs) : results
const available = (name: string): boolean => results.measurements.some((m) => m.target === name) || (cpu instanceof InterleavedResults && cpu.has(name))

console.log(`\n## wsbridge bench — ${new Date().toISOString()} — ${machine} — \`pnpm bench ${args.join(' ')}\`\n`)
if (config.rounds > 0) {
  console.log(renderTable(specs, results))
  console.log(`\n_Rounds: medians of ${config.rounds} rounds; × raw is server CPU per op (memory: RSS per connection) divided by the raw runtime's in the same round._\n`)
}
if (cpu instanceof InterleavedResults) {
  console.log(renderInterleavedTable(cpu))
  console.log(`\n_Interleaved: ${blocks} blocks of ${config.interleaved.windowMs} ms windows; × raw is each window's server CPU per op divided by the mean of the raw windows on either side._\n`)
}
for (const [name, reason] of run.unavailable) console.log(`- ${name}: not available (${reason.slice(0, 200)})`)
for (const failure of [...run.failures, ...(windows?.failures ?? [])]) console.log(`- failed: ${failure.slice(0, 300)}`)
console.log(`\n_${((Date.now() - started) / 1000).toFixed(0)} s._\n`)
// A subset (--scenarios, --rounds=0) leaves some comparisons without data: only lines with a ratio are printed then.
const checks = evaluate(specs, results, available, cpu).filter((check) => (!scenarios && config.rounds > 0) || Number.isFinite(check.ratio))
for (const check of checks) console.log(formatCheck(check))
