import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { InstanceCommand, InstanceReport } from './routes.js'

type Stats = Extract<InstanceReport, { type: 'stats' }>

/** Server counters summed over every instance process of a run (replaced ones included). */
export interface ServerTotals {
  opens: number
  errors: number
  refusals: number
  readonly errorCodes: Set<string>
}

const INSTANCE = fileURLToPath(new URL('./instance.ts', import.meta.url))

/** One instance slot: a port, and the process serving it now (replaced on every restart). */
export class InstanceSlot {
  #process: ChildProcess | undefined
  port = 0
  readonly #retryWithin: number | undefined
  readonly #totals: ServerTotals

  constructor(retryWithin: number | undefined, totals: ServerTotals) {
    this.#retryWithin = retryWithin
    this.#totals = totals
  }

  /** Starts a process on this slot's port (any free one the first time) and resolves once it listens. */
  async start(): Promise<void> {
    const env = { ...process.env, PORT: String(this.port), RETRY_WITHIN: this.#retryWithin === undefined ? '' : String(this.#retryWithin) }
    const child = fork(INSTANCE, [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.#process = child
    const ready = await this.#next(child, 'ready')
    this.port = ready.port
  }

  /** The graceful shutdown a deploy runs: resolves once the process reported its counters and exited. */
  async stop(): Promise<void> {
    const child = this.#process!
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const stats = this.#next(child, 'stats')
    this.#send(child, { type: 'shutdown' })
    this.#add(await stats)
    await exited
  }

  #add(stats: Stats): void {
    this.#totals.opens += stats.opens
    this.#totals.errors += stats.errors
    this.#totals.refusals += stats.refusals
    for (const code of stats.errorCodes) this.#totals.errorCodes.add(code)
  }

  #send(child: ChildProcess, command: InstanceCommand): void {
    child.send(command)
  }

  #next<T extends InstanceReport['type']>(child: ChildProcess, type: T): Promise<Extract<InstanceReport, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: InstanceReport) => {
        if (message.type !== type) return
        child.off('message', onMessage)
        resolve(message as Extract<InstanceReport, { type: T }>)
      }
      child.on('message', onMessage)
      child.once('exit', (code) => reject(new Error(`instance exited (${code}) before '${type}'`)))
    })
  }
}
