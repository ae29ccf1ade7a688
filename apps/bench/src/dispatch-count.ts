/**
 * `pnpm --filter @wsbridge/bench bench:dispatch [--scenarios=echo,request] [--n=5000] [--warm=20000]
 * [--core=<git rev>] [--instrumentation=none|empty|otel]`: instructions per message of core's own
 * dispatch, in process (dispatch/driver.ts: no sockets, no load generator, no window in wall time),
 * under callgrind. `bench:instructions` counts a real server between two edges in wall-clock time,
 * so on a loaded machine its windows starve (a few hundred messages, much of it unoptimized code);
 * here the count covers exactly `n` messages after `warm` uninstrumented ones, whatever the load.
 * It leaves out the socket and the runtime's WebSocket code, so it compares core's builds and
 * options with each other, not wsbridge with raw `ws`. `--core=<rev>` bundles packages/core/src as
 * of that commit instead of the working tree (the routes and driver stay as they are now).
 */
import { execFileSync, execSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildDir } from './runner/build.js'
import { benchDir } from './runner/spawn.js'
import { parseInstrumentationVariant } from './targets/instrumentation-variant.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const scenarios = option('scenarios')?.split(',') ?? ['echo', 'request']
if (!scenarios.every((s) => s === 'echo' || s === 'request')) throw new Error('--scenarios: echo and/or request')
const n = Number(option('n') ?? 5_000)
const warm = Number(option('warm') ?? 20_000)
const variant = parseInstrumentationVariant(option('instrumentation'))
const rev = option('core')
const repo = join(benchDir, '..', '..')

/** packages/core/src of the working tree, or of `rev` unpacked under .build (it resolves valibot from packages/core). */
function coreSource(): string {
  if (rev === undefined) return join(repo, 'packages', 'core', 'src')
  const dir = join(buildDir, `core-${rev}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execSync(`git archive ${rev} packages/core/src | tar -x -C ${dir}`, { cwd: repo })
  return join(dir, 'packages', 'core', 'src')
}

const requireFromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))
const esbuild = requireFromTsx('esbuild') as { build(options: Record<string, unknown>): Promise<unknown> }
const core = coreSource()
const bundle = join(buildDir, `dispatch-${process.pid}.mjs`)
await esbuild.build({
  entryPoints: [join(benchDir, 'src', 'dispatch', 'driver.ts')],
  outfile: bundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  alias: { '@wsbridge/core/adapter': join(core, 'adapter', 'index.ts'), '@wsbridge/core': join(core, 'index.ts') },
  nodePaths: [join(repo, 'packages', 'core', 'node_modules'), join(benchDir, 'node_modules')],
  logLevel: 'warning',
})

const dumps = mkdtempSync(join(tmpdir(), 'wsbridge-dispatch-'))
const lines: string[] = []
for (const scenario of scenarios) {
  const out = join(dumps, `${scenario}.callgrind`)
  execFileSync(
    'valgrind',
    ['-q', '--tool=callgrind', '--instr-atstart=no', '--vgdb=yes', `--callgrind-out-file=${out}`, process.execPath].concat([
      '--single-threaded',
      '--predictable',
      '--random-seed=1',
      bundle,
      scenario,
      String(n),
      String(warm),
    ]),
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, VG: '1', WSBRIDGE_BENCH_INSTRUMENTATION: variant } },
  )
  const dump = readdirSync(dumps).find((f) => f.startsWith(`${scenario}.callgrind.`))
  if (dump === undefined) throw new Error(`${scenario}: no dump`)
  const total = /^(?:summary|totals): (\d+)/m.exec(readFileSync(join(dumps, dump), 'utf8'))?.[1]
  lines.push(
    `bench-dispatch ${scenario} instructions/op=${Math.round(Number(total) / n)} (n=${n}, warm=${warm}, core=${rev ?? 'working tree'}, instrumentation=${variant})`,
  )
  console.error(lines.at(-1))
}
rmSync(dumps, { recursive: true, force: true })
rmSync(bundle, { force: true })
for (const line of lines) console.log(line)
