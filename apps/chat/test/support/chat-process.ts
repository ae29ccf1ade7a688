import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { hostCommand, type ChatHost } from '../../src/server/hosts.js'

const appDir = fileURLToPath(new URL('../../', import.meta.url))
const LISTENING = /listening on (http:\/\/\S+)/

/** One chat entry point running as its own process, exactly as `npm run start:<host>` runs it. */
export interface ChatProcess {
  readonly url: string
  readonly port: number
  /** Everything the process printed, for failure messages. */
  readonly output: () => string
  /** SIGTERM (graceful: every socket gets 1001), then waits for the process to exit. */
  stop(): Promise<void>
}

export async function startChatProcess(
  host: ChatHost,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<ChatProcess> {
  // Node entries run under node with tsx's loader (one process, so signals reach the server).
  const [command, ...args] = hostCommand(host) as [string, ...string[]]
  const child = spawn(command, args, {
    cwd: appDir,
    env: { ...process.env, ...options.env, PORT: String(options.port ?? 0), LISTEN_HOST: '127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`[chat e2e] ${host} did not start in 30 s:\n${log}`)), 30_000)
    const fail = (error: Error): void => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    child.stdout.on('data', () => {
      const found = LISTENING.exec(log)
      if (found?.[1]) {
        clearTimeout(timer)
        resolve(found[1])
      }
    })
    child.once('exit', (code) => fail(new Error(`[chat e2e] ${host} exited with ${code} before listening:\n${log}`)))
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
