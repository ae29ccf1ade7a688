import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Sends PING to a Redis on 127.0.0.1:`port`; true when it answers PONG within `timeout` ms. */
export function pingRedis(port: number, timeout = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeout, () => done(false))
    socket.once('error', () => done(false))
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')))
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'))
  })
}

/**
 * Whether the shared Redis on 6379 is reachable. Locally the Redis tests skip without it; under
 * CI=true they run anyway and fail, so a missing Redis can never turn CI green.
 */
export const sharedRedisUp = await pingRedis(6379)
export const runRedisTests = sharedRedisUp || process.env['CI'] === 'true'
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379'

/** Restart tests start their own `redis-server`; like the shared Redis, it is required under CI=true. */
export const runOwnRedisTests = spawnSync('redis-server', ['--version']).status === 0 || process.env['CI'] === 'true'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

/** A redis-server process this test owns: it can be killed and restarted on the same port. */
export class OwnRedis {
  #process: ChildProcess | undefined
  readonly port: number

  readonly #dir: string | undefined

  private constructor(port: number, dir: string | undefined) {
    this.port = port
    this.#dir = dir
  }

  /** With `persist`, every write is in the append-only file before Redis answers (appendfsync always). */
  static async start(persist = false): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), persist ? mkdtempSync(join(tmpdir(), 'wsbridge-redis-')) : undefined)
    await redis.restart()
    return redis
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  async restart(): Promise<void> {
    const persistence = this.#dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.#dir] : ['--appendonly', 'no']
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
      stdio: 'ignore',
    })
    this.#process = child
    const deadline = Date.now() + 10_000
    while (!(await pingRedis(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`)
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
}
