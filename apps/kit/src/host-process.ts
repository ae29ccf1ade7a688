import { spawn, type ChildProcess } from 'node:child_process'

/** The line every sample prints once it listens; the URL is what tests open. */
const LISTENING = /listening on (http:\/\/[^\s/]+)/

/** One sample host running as its own process, exactly as `npm run start:<host>` runs it. */
export interface HostProcess {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string
  readonly port: number
  /** Everything the process printed, for failure messages. */
  readonly output: () => string
  /** SIGTERM (graceful: every socket gets 1001), then waits for the process to exit (SIGKILL after 8 s). */
  stop(): Promise<void>
}

export interface HostProcessOptions {
  /** Names the process in failure messages, e.g. `chat on bun`. */
  readonly name: string
  readonly cwd: string
  /** Added to the environment; PORT defaults to 0 (a free port) and LISTEN_HOST is loopback. */
  readonly env?: Readonly<Record<string, string>>
}

/** Starts `command` and resolves once it printed its listening line (30 s at most). */
export async function startHostProcess(command: readonly string[], options: HostProcessOptions): Promise<HostProcess> {
  const [executable = '', ...args] = command
  const child = spawn(executable, args, {
    cwd: options.cwd,
    env: { ...process.env, PORT: '0', ...options.env, LISTEN_HOST: '127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (error: Error): void => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    const timer = setTimeout(() => fail(new Error(`[${options.name}] did not start in 30 s:\n${log}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      const found = LISTENING.exec(log)
      if (!found?.[1]) return
      clearTimeout(timer)
      resolve(found[1])
    })
    child.once('exit', (code) => fail(new Error(`[${options.name}] exited with ${code} before listening:\n${log}`)))
  })
  return { url, port: Number(new URL(url).port), output: () => log, stop: () => stopProcess(child) }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 8000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
