/**
 * `pnpm --filter @wsbridge/bench bench:instructions [--only=a,b] [--scenarios=echo,typed,fanout,request]
 * [--runs=N] [--echo=<clients>x<depth>] [--instrumentation=none|empty|otel] [--keep-dumps]`: the same targets and scenarios as
 * `pnpm bench`, with each server run under valgrind's callgrind, which counts the instructions it
 * executes. A count does not change with machine load or noisy neighbours, so ratios of a few percent
 * can be read from one run where CPU time needs many. Prints one Markdown table and one
 * `bench-instr <target> <scenario> ratio=<x>` line per comparison.
 *
 * Each (target, scenario, run) gets a fresh server; the load generator instruments, zeroes and
 * dumps it at the edges of its counted window (instructions/generator.ts). Instructions are not CPU
 * time: a cache miss or a syscall's kernel side costs nothing here, so this complements `pnpm bench`.
 */
import { execSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { countScenario, perOp, type InstructionCount } from './instructions/measure.js'
import { comparisons, InstructionResults, renderTable, warnings } from './instructions/report.js'
import {
  instructionScenarios,
  instructionSettings,
  isCounted,
  measured,
  type InstructionScenario,
  type InstructionSettings,
} from './instructions/settings.js'
import { BuildSnapshot, sourceState } from './instructions/snapshot.js'
import { runtimeSetups } from './instructions/valgrind.js'
import { bunBinary } from './runner/spawn.js'
import { parseInstrumentationVariant } from './targets/instrumentation-variant.js'
import { rawOf, targets } from './targets/registry.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const scenarios = (option('scenarios')?.split(',') ?? instructionScenarios) as InstructionScenario[]
const unknown = scenarios.filter((s) => !(instructionScenarios as readonly string[]).includes(s))
if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${instructionScenarios.join(', ')}`)
const runs = Number(option('runs') ?? 1)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs=${option('runs')}: expected a whole number ≥ 1`)
const echoShape = option('echo')?.split('x').map(Number)
if (echoShape && (echoShape.length !== 2 || !echoShape.every((n) => Number.isInteger(n) && n > 0)))
  throw new Error(`--echo=${option('echo')}: expected <clients>x<depth>, e.g. 16x8`)
const settings: InstructionSettings = echoShape
  ? { ...instructionSettings, echo: { ...instructionSettings.echo, clients: echoShape[0]!, depth: echoShape[1]! } }
  : instructionSettings
// --instrumentation=empty|otel: what the wsbridge targets pass as `instrumentation` (targets/instrumentation-variant.ts),
// handed to the servers this process starts through their environment.
process.env['WSBRIDGE_BENCH_INSTRUMENTATION'] = parseInstrumentationVariant(option('instrumentation'))
// --only as in run.ts: names or parts of names, plus the raw runtime of each selected target.
const only = option('only')?.split(',')
// Node and Bun only (settings.ts, CountedRuntime).
const counted = targets.filter(isCounted)
const picked = only ? counted.filter((t) => only.some((part) => t.name.includes(part))) : counted
const specs = counted.filter((t) => picked.includes(t) || picked.some((p) => rawOf(p) === t.name))

const version = (command: string): string => execSync(command).toString().trim()
const started = Date.now()
const source = sourceState()
const machine = `${version('nproc')} cores, ${version("free -m | awk '/Mem:/ {print $2}'")} MiB RAM`
const tools = `${version('valgrind --version')}, node ${process.version}, bun ${version(`${bunBinary} --version`)}`
console.error(`[instr] ${specs.length} targets × ${scenarios.join('/')} × ${runs} run(s) under callgrind on ${machine}`)
const build = await BuildSnapshot.take(specs)

const dumpDir = mkdtempSync(join(tmpdir(), 'wsbridge-instructions-'))
const cleanUp = (): void => {
  build.remove()
  if (!args.includes('--keep-dumps')) rmSync(dumpDir, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp()
    process.exit(130)
  })
}
const counts: InstructionCount[] = []
const failures: string[] = []
for (let run = 0; run < runs; run++) {
  for (const spec of specs) {
    for (const scenario of scenarios.filter((s) => measured(spec, s))) {
      const t0 = Date.now()
      try {
        const count = await countScenario(spec, scenario, run, settings, build, dumpDir)
        counts.push(count)
        console.error(
          `[instr] run ${run + 1}/${runs} ${spec.name} ${scenario}: ${Math.round(perOp(count)).toLocaleString('en-US')} instructions/op over ${count.ops} ops, ` +
            `edges ${count.edgeMs.join('/')} ms, window closed at ${(count.windowEndMs / 1000).toFixed(1)} s, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
        )
      } catch (error) {
        failures.push(`run ${run + 1} ${spec.name} ${scenario}: ${String(error).slice(0, 300)}`)
        console.error(`[instr] ${failures.at(-1)}`)
      }
    }
  }
}
cleanUp()
if (args.includes('--keep-dumps')) console.error(`[instr] dumps kept in ${dumpDir} (callgrind_annotate <file>)`)

const results = new InstructionResults(counts)
const setupText = (['node', 'bun'] as const)
  .map(
    (rt) =>
      `${rt}: ${[...runtimeSetups[rt].env, ...runtimeSetups[rt].flags].join(' ')}${runtimeSetups[rt].fanoutFlags.length > 0 ? `, fan-out also ${runtimeSetups[rt].fanoutFlags.join(' ')}` : ''}`,
  )
  .join('; ')
console.log(
  `\n## wsbridge instruction counts — ${new Date().toISOString()} — ${source} — ${machine} — \`bench:instructions ${args.join(' ')}\`\n`,
)
console.log(renderTable(specs, results))
console.log('')
for (const failure of failures) console.log(`- failed: ${failure}`)
for (const warning of warnings(results, settings.windowDeadlineMs)) console.log(warning)
// Bun targets read packages/ as each server starts: a commit during the run shows here.
if (sourceState() !== source) console.log(`- the source changed during the run: ${source} at the start, ${sourceState()} at the end`)
console.log(
  `\n_Instructions (callgrind Ir, all threads, less V8's compiler on Node) per echo message / typed message / fan-out delivery / request call, median of ${runs} run(s); ${tools}; ${setupText}. ` +
    `Echo ${settings.echo.clients}x${settings.echo.depth}, fan-out ${settings.fanout.subscribers} subscribers × bursts of ${settings.fanout.burst}; ` +
    `warm-up until the server has used ${settings.warmCpuMs.node.echo / 1000}/${settings.warmCpuMs.node.fanout / 1000} s (Node echo/fan-out), ${settings.warmCpuMs.bun.echo / 1000} s (Bun echo) of CPU uninstrumented, ` +
    `then ${settings.echo.windowMs / 1000} s / ${settings.fanout.windowMs / 1000} s counted; Bun's fan-out is not measured (settings.ts). ${((Date.now() - started) / 1000).toFixed(0)} s._\n`,
)
for (const line of comparisons(specs, results)) console.log(line)
