import { spawn } from 'node:child_process'

/** What a sample's process printed before it exited or announced itself, and how it exited. */
export interface StartupRun {
  /** The exit code; `null` when the run was stopped after the listening line. */
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a sample's entry point (`command`, as `hostCommand` gives it) until it exits or prints its
 * listening line, which stops it: for tests of what a person sees when a start fails.
 */
export function runStartup(command: readonly string[], cwd: string, env: Readonly<Record<string, string>>): Promise<StartupRun> {
  const [executable = '', ...args] = command
  const child = spawn(executable, args, { cwd, env: { ...process.env, NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (/listening on/.test(stdout)) child.kill('SIGKILL')
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
