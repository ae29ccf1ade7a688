/**
 * `pnpm bench [--quick] [--only=a,b] [--rounds=N] [--scenarios=memory,echo]`: starts every target server, drives each with the
 * Bun load generator, prints one Markdown table and one `bench <target> <scenario> ratio=<x>` line
 * per target and comparison. See docs/benchmarks.md.
 */
import { execSync } from 'node:child_process'
import { fullConfig, quickConfig, type BenchConfig } from './config.js'
import { evaluate, formatCheck } from './report/checks.js'
import { Results } from './report/metrics.js'
import { renderTable } from './report/table.js'
import { buildNodeTargets } from './runner/build.js'
import { runRounds } from './runner/rounds.js'
import { scenarioNames } from './scenarios/types.js'
import { rawOf, targets } from './targets/registry.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const base = args.includes('--quick') ? quickConfig : fullConfig
const rounds = Number(option('rounds') ?? base.rounds)
const scenarios = option('scenarios')?.split(',')
const unknown = scenarios?.filter((s) => !(scenarioNames as readonly string[]).includes(s)) ?? []
if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${scenarioNames.join(', ')}`)
const config: BenchConfig = { ...base, rounds, ...(scenarios ? { scenarios } : {}) }
const only = option('only')?.split(',')
// --only takes names or parts of names (--only=hono runs every Hono target); the raw runtime of each
// selected target always runs too, since every ratio divides by it.
const picked = only ? targets.filter((t) => only.some((part) => t.name.includes(part))) : targets
const specs = targets.filter((t) => picked.includes(t) || picked.some((p) => rawOf(p) === t.name))

const started = Date.now()
const machine = `${execSync('nproc').toString().trim()} cores, ${execSync("free -m | awk '/Mem:/ {print $2}'").toString().trim()} MiB RAM`
console.error(`[bench] ${specs.length} targets × ${config.rounds} rounds on ${machine}${args.includes('--quick') ? ' (quick)' : ''}`)
await buildNodeTargets(specs)
const run = await runRounds(specs, config, (line) => console.error(`[bench] ${line}`))
const results = new Results(run.measurements)
const available = (name: string): boolean => results.measurements.some((m) => m.target === name)

console.log(`\n## wsbridge bench — ${new Date().toISOString()} — ${machine} — \`pnpm bench ${args.join(' ')}\`\n`)
console.log(renderTable(specs, results))
console.log('')
for (const [name, reason] of run.unavailable) console.log(`- ${name}: not available (${reason.slice(0, 200)})`)
for (const failure of run.failures) console.log(`- failed: ${failure.slice(0, 300)}`)
console.log(`\n_Medians of ${config.rounds} rounds; × raw is server CPU per op (memory: RSS per connection) divided by the raw runtime's in the same round. ${((Date.now() - started) / 1000).toFixed(0)} s._\n`)
// A --scenarios subset leaves the other comparisons without data: only lines with a ratio are printed then.
const checks = evaluate(specs, results, available).filter((check) => !scenarios || Number.isFinite(check.ratio))
for (const check of checks) console.log(formatCheck(check))
