import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { TargetSpec } from '../targets/registry.js'
import { builtEntry } from './build.js'
import { benchDir, bunBinary, denoBinary, onLines, spawnWithFds, tailStderr } from './spawn.js'

export interface RunningServer {
  readonly spec: TargetSpec
  readonly origin: string
  /** The server's own pid (from its READY line), whose /proc entry is sampled. */
  readonly pid: number
  stop(): Promise<void>
}

function command(spec: TargetSpec): string[] {
  const source = join(benchDir, 'src', 'targets', spec.entry)
  // Node targets run compiled (see build.ts); Bun and Deno run TypeScript natively (Deno with the
  // bench's deno.jsonc, which resolves the workspace packages through node_modules).
  // --expose-gc lets the memory scenario collect garbage before each RSS reading (see ready.ts).
  if (spec.runtime === 'bun') return [bunBinary, source]
  if (spec.runtime === 'deno')
    return [denoBinary, 'run', '-A', `--config=${join(benchDir, 'deno.jsonc')}`, '--v8-flags=--expose-gc', source]
  return [process.execPath, '--expose-gc', builtEntry(spec)]
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      child.kill('SIGTERM')
    })
}

export interface StartOptions {
  /** Rewrites the command before it runs (the instruction-count mode starts Node under valgrind). */
  readonly wrap?: (command: readonly string[]) => readonly string[]
  /** How long the server may take to print READY; 30 s by default. */
  readonly readyTimeoutMs?: number
}

/** Starts one target and resolves once it prints READY; rejects with its stderr if it cannot start. */
export function startServer(spec: TargetSpec): Promise<RunningServer> {
  return startServerWith(spec, {})
}

/** `startServer` with its command rewritten or a longer READY timeout (see StartOptions). */
export async function startServerWith(spec: TargetSpec, options: StartOptions): Promise<RunningServer> {
  const resolved = options.wrap ? options.wrap(command(spec)) : command(spec)
  return { spec, ...(await startProcess(spec.name, resolved, {}, options.readyTimeoutMs)) }
}

/** A server process that printed READY: its origin, the pid to sample, and how to stop it. */
export type StartedProcess = Omit<RunningServer, 'spec'>

/**
 * Starts any server command that announces itself like a target (targets/ready.ts) and resolves
 * once it prints READY; rejects with its stderr if it cannot start. The cluster bench starts its
 * instances with it.
 */
export function startProcess(
  name: string,
  command: readonly string[],
  env: Record<string, string> = {},
  readyTimeoutMs = 30_000,
): Promise<StartedProcess> {
  const child = spawnWithFds(command, env)
  const stderr = tailStderr(child)
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${name} ${why}: ${stderr().trim().split('\n').slice(-3).join(' | ')}`))
    }
    const timer = setTimeout(() => fail(`did not print READY within ${readyTimeoutMs / 1000} s`), readyTimeoutMs)
    child.once('exit', (code) => fail(`exited with ${code}`))
    onLines(child, (line) => {
      const match = /^READY (\d+) (\d+)$/.exec(line)
      if (!match) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve({ origin: `http://127.0.0.1:${match[1]}`, pid: Number(match[2]), stop: stopper(child) })
    })
  })
}
