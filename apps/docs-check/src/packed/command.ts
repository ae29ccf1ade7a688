import { spawn } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'

/** What a finished command printed, and how it ended. */
export interface CommandResult {
  /** Exit code; null when a signal (our timeout) ended it. */
  readonly code: number | null
  readonly stdout: string
  /** stdout and stderr interleaved as they arrived, without colour codes: what to show when it failed. */
  readonly output: string
  readonly ms: number
}

export interface CommandOptions {
  readonly cwd: string
  readonly env?: NodeJS.ProcessEnv
  /** Milliseconds before the command and everything it started are killed. */
  readonly timeout: number
}

/**
 * Runs a command to completion. It gets a process group of its own so that a timeout also ends
 * what it started (a nested vitest's workers); a hung child must not outlive the test.
 */
export function runCommand(program: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      output += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    const timer = setTimeout(() => {
      output += `\n[docs-check] killed after ${options.timeout} ms\n`
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, options.timeout)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`[docs-check] could not run ${program}: ${error.message}`))
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({
        code,
        stdout: stripVTControlCharacters(stdout),
        output: stripVTControlCharacters(output),
        ms: performance.now() - started,
      })
    })
  })
}

/**
 * The environment a third party's shell would have: ours, less what only this repository's test
 * run sets. A conformance report directory would make the nested suite write `packed.json` among
 * the repository's hosts, and the outer vitest's own variables would leak into the nested one.
 */
export function thirdPartyEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(WSBRIDGE_|VITEST)/.test(key)) env[key] = value
  }
  // Plain output, so the summary line can be read as it is printed.
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra }
}
