import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { CountedRuntime } from './settings.js'
import type { EdgeCommands } from './generator.js'

/**
 * What makes a runtime's instruction count repeatable under callgrind. Valgrind runs a process's
 * threads one at a time, so work V8 or JSC does on background threads (optimizing compiles,
 * concurrent GC) lands at points that move with scheduling; these settings keep it on the main
 * thread, where it happens at the same point of the same work every run.
 */
export interface RuntimeSetup {
  /** Flags after the executable. */
  readonly flags: readonly string[]
  /** More flags for the fan-out scenario. */
  readonly fanoutFlags: readonly string[]
  /** NAME=value pairs for the server's environment. */
  readonly env: readonly string[]
}

export const runtimeSetups: Record<CountedRuntime, RuntimeSetup> = {
  node: {
    // --single-threaded: no V8 background tasks (concurrent TurboFan, concurrent marking, parallel
    //   scavenge, concurrent sweeping): compiles and GC run on the main thread at allocation- and
    //   invocation-count-determined points.
    // --predictable: also turns off the memory reducer (GCs started by timers when the heap looks idle).
    // --random-seed=1: V8's RNG (Math.random, identity hashes, mmap hints of the heap) starts the
    //   same every run, so hash tables and the megamorphic stub cache see the same layout.
    flags: ['--single-threaded', '--predictable', '--random-seed=1'],
    // --interrupt-budget=4224 (a sixteenth of the default): V8 tiers a function up once it has run
    //   that much bytecode. Fan-out's per-publish functions run once per 100 deliveries, and the
    //   window has to close before the servers' first heartbeat pings (settings.ts); with the
    //   default budget, or a quarter of it, they were still being compiled in the window (3.4%)
    //   and ran unoptimized until then. Echo's functions run per message and need no help: a lower
    //   budget there (1/64) only made V8 optimize on thin feedback and recompile (3% of wsbridge's
    //   window in the compiler).
    fanoutFlags: ['--interrupt-budget=4224'],
    env: [],
  },
  bun: {
    // JavaScriptCore's equivalents: compile DFG/FTL code on the main thread, and no concurrent GC.
    flags: [],
    fanoutFlags: [],
    env: ['BUN_JSC_useConcurrentJIT=0', 'BUN_JSC_useConcurrentGC=0'],
  },
}

/**
 * The server's command under callgrind. --instr-atstart=no: nothing is instrumented until the window
 * opens (startup, connecting and warm-up run ~5x slower than native instead of ~50x, so the JIT
 * sees many more warm-up messages per second). --smc-check=all-non-file: V8 and JSC write and patch
 * machine code in anonymous memory, which valgrind must retranslate (the amd64 default, stated so
 * it stays so). --vgdb=yes: the window edges reach the process through vgdb (windowEdges).
 */
export function valgrindCommand(setup: RuntimeSetup, fanout: boolean, outFile: string, command: readonly string[]): string[] {
  const [executable, ...rest] = command
  return [
    'env',
    ...setup.env,
    'valgrind',
    '--tool=callgrind',
    '--instr-atstart=no',
    '--smc-check=all-non-file',
    '--vgdb=yes',
    `--callgrind-out-file=${outFile}`,
    executable!,
    ...setup.flags,
    ...(fanout ? setup.fanoutFlags : []),
    ...rest,
  ]
}

/**
 * The commands the generator runs as the counted window opens and closes: instrument and zero, then
 * dump and stop instrumenting. vgdb sends callgrind's monitor commands (what callgrind_control
 * does, without its Perl start-up), forcing its way in after 1 ms when the process is blocked in a
 * syscall (the default waits 100 ms); an edge takes ~0.15 s, well under the fan-out scenario's 1 s
 * no-progress watchdog.
 */
export function windowEdges(pid: number, warmCpuMs: number): EdgeCommands {
  const vgdb = (...commands: string[]): string[] => [
    'vgdb',
    '--max-invoke-ms=1',
    `--pid=${pid}`,
    ...commands.flatMap((c) => ['-c', ...c.split(' ')]),
  ]
  return { warmCpuMs, open: [vgdb('instrumentation on', 'zero')], close: [vgdb('dump', 'instrumentation off')] }
}

/** The dumps callgrind has written for `outFile` (it appends `.1`, `.2`, … per dump), in order. */
export function dumps(outFile: string): string[] {
  const base = basename(outFile)
  const part = (name: string): number => Number(name.slice(base.length + 1))
  return readdirSync(dirname(outFile))
    .filter((name) => name.startsWith(`${base}.`) && Number.isInteger(part(name)))
    .sort((a, b) => part(a) - part(b))
    .map((name) => join(dirname(outFile), name))
}

export interface Dump {
  /** Instructions executed (event Ir) by every thread since the last zero. */
  readonly instructions: number
  /** The part of them in functions `isCompiler` matches (self cost). */
  readonly compiler: number
}

/**
 * Reads a dump. The total is the `summary:` line (callgrind's own counter). The compiler part adds
 * up the self cost of matching functions: in callgrind's format a cost line belongs to the last
 * `fn=`, except the line after `calls=`, which is the inclusive cost of that call; names are given
 * once as `(id) name` and later as `(id)`, shared between `fn=` and `cfn=`.
 */
export function readDump(file: string, isCompiler: (fn: string) => boolean): Dump {
  const text = readFileSync(file, 'utf8')
  const summary = /^summary:\s+(\d+)/m.exec(text)
  if (!summary) throw new Error(`no summary line in ${file}`)
  const names = new Map<string, string>()
  const name = (spec: string): string => {
    const match = /^\((\d+)\)(?: (.*))?$/.exec(spec)
    if (!match) return spec
    if (match[2] !== undefined) names.set(match[1]!, match[2])
    return names.get(match[1]!) ?? spec
  }
  let counting = false
  let callCost = false
  let compiler = 0
  for (const line of text.split('\n')) {
    if (line.startsWith('fn=')) counting = isCompiler(name(line.slice(3)))
    else if (line.startsWith('cfn=')) name(line.slice(4))
    else if (line.startsWith('calls=')) callCost = true
    else if (/^[\d+*-]/.test(line)) {
      if (!callCost && counting) compiler += Number(line.split(' ')[1] ?? 0)
      callCost = false
    }
  }
  return { instructions: Number(summary[1]), compiler }
}

/**
 * V8's compilers, parser and deoptimizer (Node's binary has symbols; Bun's is stripped, so its
 * share cannot be told). Work here inside a window means the warm-up was too short.
 */
export const isV8Compiler = (fn: string): boolean =>
  /v8::internal::(compiler|maglev|baseline|interpreter::Bytecode(Generator|ArrayBuilder))::|v8::internal::(Compiler|Parser|Scanner|Deoptimizer|OptimizingCompileDispatcher)\b/.test(
    fn,
  )
