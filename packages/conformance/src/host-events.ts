import type { HostEvent, WireError, WireRefusal } from './fixture/protocol.js'
import { mirrorRecord } from './recorder.js'

/** One call of the bridge-level `onError` hook on the host, as it came over the wire. */
export interface BridgeErrorRecord {
  /** What the hook got, as JSON. */
  readonly error: WireError
  /** The connection's route key, when the error was on a connection. */
  readonly route: string | undefined
  /** The `t` query parameter of the connection, when it had one (the recorder token). */
  readonly token: string | undefined
  /** The connection's id, when the error was on a connection. */
  readonly connection: string | undefined
}

/** One line the host's bridge wrote through the fixture's logger. */
export interface LogRecord {
  /** The logger method the bridge called. */
  readonly level: 'error' | 'warn' | 'info' | 'debug'
  /** The line, starting `[wsbridge]`. */
  readonly message: string
  /** What `error` got with the line (the thrown value), if anything. */
  readonly error?: WireError
}

type Waiter = { readonly check: () => boolean; readonly resolve: () => void }

/**
 * Everything one host process reported on its event channel, in order. `until` waits for a
 * condition over it and is woken by each new event, so cases await what happened instead of
 * sleeping and looking.
 */
export class HostEventLog {
  /** Every call of the bridge's `onError`. */
  readonly bridgeErrors: BridgeErrorRecord[] = []
  /** Every refused upgrade, as `onRefused` saw it. */
  readonly refusals: WireRefusal[] = []
  /** Every line the bridge logged. */
  readonly logLines: LogRecord[] = []
  /** Presence changes, once a `watchPresence` query asked for them. */
  readonly presence: unknown[] = []
  /** What each shutdown left behind. */
  readonly shutdowns: {
    /** Connections still open after `close()` resolved (0 when it drained them). */
    readonly connections: number
    /** Topics still subscribed. */
    readonly topicCount: number
  }[] = []
  /** The port of each `ready` event (one per start or restart). */
  readonly readyPorts: number[] = []
  /** The id of the last `sync` event seen. */
  lastSync = 0
  readonly #waiters: Set<Waiter> = new Set()

  /** Records one event from the host's stdout and wakes the waiters. */
  add(event: HostEvent): void {
    switch (event.type) {
      case 'ready':
        this.readyPorts.push(event.port)
        break
      case 'record':
        mirrorRecord(event.token, event.event)
        break
      case 'bridge-error': {
        const { type: _, ...record } = event
        this.bridgeErrors.push(record)
        break
      }
      case 'refusal':
        this.refusals.push(event.refusal)
        break
      case 'log': {
        const { type: _, ...line } = event
        this.logLines.push(line)
        break
      }
      case 'presence':
        this.presence.push(event.event)
        break
      case 'sync':
        this.lastSync = event.id
        break
      case 'shutdown':
        this.shutdowns.push({ connections: event.connections, topicCount: event.topicCount })
        break
    }
    this.wake()
  }

  /** Checks every waiter again: for conditions that also look at something other than events (a process exit). */
  wake(): void {
    for (const waiter of this.#waiters) if (waiter.check()) waiter.resolve()
  }

  /** Resolves once `condition` holds (checked now and after every event); rejects after `timeout` ms. */
  until(condition: () => boolean, what: string, timeout = 5000): Promise<void> {
    if (condition()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: condition,
        resolve: () => {
          clearTimeout(timer)
          this.#waiters.delete(waiter)
          resolve()
        },
      }
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter)
        reject(new Error(`timed out after ${timeout}ms waiting for ${what}`))
      }, timeout)
      this.#waiters.add(waiter)
    })
  }
}
