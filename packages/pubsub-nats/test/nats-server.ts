import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const NATS_SERVER = '/usr/sbin/nats-server'

/** Connects to 127.0.0.1:`port`; true when a NATS server greets with INFO within `timeout` ms. */
export function pingNats(port: number, timeout = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeout, () => done(false))
    socket.once('error', () => done(false))
    socket.once('data', (data) => done(data.toString().startsWith('INFO ')))
    socket.connect(port, '127.0.0.1')
  })
}

/**
 * Whether the shared NATS on 4222 is reachable. Locally the NATS tests skip without it; under
 * CI=true they run anyway and fail, so a missing NATS can never turn CI green.
 */
export const runNatsTests = (await pingNats(4222)) || process.env['CI'] === 'true'
export const SHARED_NATS = '127.0.0.1:4222'

/** Restart tests start their own nats-server; like the shared one, it is required under CI=true. */
export const runOwnNatsTests = existsSync(NATS_SERVER) || process.env['CI'] === 'true'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

/** A nats-server process this test owns (JetStream on, in a temporary directory): it can be killed and restarted on the same port. */
export class OwnNats {
  #process: ChildProcess | undefined
  readonly port: number
  readonly #dir = mkdtempSync(join(tmpdir(), 'wsbridge-nats-'))

  private constructor(port: number) {
    this.port = port
  }

  static async start(): Promise<OwnNats> {
    const nats = new OwnNats(await freePort())
    await nats.restart()
    return nats
  }

  get url(): string {
    return `127.0.0.1:${this.port}`
  }

  async restart(): Promise<void> {
    const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.#dir], { stdio: 'ignore' })
    this.#process = child
    const deadline = Date.now() + 10_000
    while (!(await pingNats(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nats-server on ${this.port} did not start`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** SIGKILL: the server vanishes like a crash, without closing client connections politely. */
  async kill(): Promise<void> {
    const child = this.#process
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  /** Empties the storage directory (while killed): the next start has lost every stream. */
  wipe(): void {
    rmSync(this.#dir, { recursive: true, force: true })
  }

  /** Kills the server and removes its storage directory. */
  async dispose(): Promise<void> {
    await this.kill()
    rmSync(this.#dir, { recursive: true, force: true })
  }
}

/** Polls `condition` until it holds or `timeout` ms pass (then throws with `what`). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A prefix of its own per test, so parallel runs on the shared server never cross. */
export function testPrefix(): string {
  return `wsbridge-test.${crypto.randomUUID()}`
}
