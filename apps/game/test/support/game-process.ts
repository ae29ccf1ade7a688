import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const appDir = fileURLToPath(new URL('../../', import.meta.url))
const binary = (path: string): string => fileURLToPath(new URL(`node_modules/${path}`, `file://${appDir}`))
// The deno npm package's install script copies the native binary in; without it, .bin/deno finds it.
const deno = existsSync(binary('deno/deno')) ? binary('deno/deno') : binary('.bin/deno')
const LISTENING = /listening on (http:\/\/\S+?)\/?\s/

/**
 * Every host the game runs on, and the command that starts it exactly as `npm run start:<host>`
 * does (`deno.jsonc` resolves the workspace packages for Deno). Bun is the binary the `bun` npm package installs (not .bin/bun, a wrapper that would not
 * pass SIGTERM on).
 */
export const gameHosts = {
  'node-ws': [process.execPath, '--import', 'tsx', 'src/server.ts'],
  bun: [binary('bun/bin/bun.exe'), 'src/bun.ts'],
  deno: [deno, 'run', '-A', '--config=deno.jsonc', 'src/deno.ts'],
} as const

export type GameHost = keyof typeof gameHosts

export interface GameProcess {
  readonly url: string
  readonly output: () => string
  stop(): Promise<void>
}

/** Starts `host` on a free port and resolves with its URL once it printed its listening line. */
export async function startGameProcess(host: GameHost, env: Record<string, string> = {}): Promise<GameProcess> {
  const [command, ...args] = gameHosts[host]
  const child = spawn(command, args, {
    cwd: appDir,
    env: { ...process.env, ...env, PORT: '0', LISTEN_HOST: '127.0.0.1' },
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
    const timer = setTimeout(() => fail(new Error(`[game] ${host} did not start in 30 s:\n${log}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      const found = LISTENING.exec(log)
      if (found?.[1]) {
        clearTimeout(timer)
        resolve(found[1])
      }
    })
    child.once('exit', (code) => fail(new Error(`[game] ${host} exited with ${code} before listening:\n${log}`)))
  })
  return { url, output: () => log, stop: () => stop(child) }
}

function stop(child: ChildProcess): Promise<void> {
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
