import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin', 'bun.exe')
/**
 * The native binary the `deno` npm package's install script puts beside its package.json (allowed in
 * pnpm-workspace.yaml), never `.bin/deno`: that is a Node shim, which would add a Node process
 * between the runner and the server.
 */
export const denoBinary = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'deno')

/**
 * Spawns a command with the open-file limit raised to the hard limit (10,000 idle connections need
 * 10,000 descriptors on each side).
 */
export function spawnWithFds(command: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', ...command], {
    cwd: benchDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  })
}

/** Calls `onLine` for each stdout line of a child. */
export function onLines(child: ChildProcess, onLine: (line: string) => void): void {
  let buffered = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    let newline: number
    while ((newline = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, newline))
      buffered = buffered.slice(newline + 1)
    }
  })
}

/** Keeps the last few KiB of a child's stderr for error messages. */
export function tailStderr(child: ChildProcess): () => string {
  let tail = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (tail = (tail + chunk).slice(-4000)))
  return () => tail
}

/**
 * Runs a script under Bun with one JSON argument (a load generator's job), calling `onLine` for each
 * stdout line; resolves with the exit code and the tail of stderr. Killed after `timeoutMs`.
 */
export function runBunScript(
  script: string,
  job: unknown,
  onLine: (line: string) => void,
  timeoutMs: number,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawnWithFds([bunBinary, join(benchDir, 'src', script), JSON.stringify(job)])
  const stderr = tailStderr(child)
  onLines(child, onLine)
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr: stderr() })
    })
  })
}
