import { routeTopic, type BridgeInstrumentation, type Connection, type Frame } from '@wsbridge/core'
import { frameText, frameType, type LogEntry } from './log-entry.js'
import { MessageLog } from './message-log.js'

type Entry = Omit<LogEntry, 'seq' | 'at'>

/**
 * Turns the bridge's instrumentation hooks into log entries, keeps the bounded log, and while a
 * session is being recorded, the full traffic of the connections opened during it.
 *
 * Deliveries of a publish: adapters without native pub/sub report each one through `sent`; Bun's
 * native fan-out hands the frame to the runtime once per topic, so `published` adds an `out` entry
 * for every local subscriber that `sent` did not already report, and both hosts log the same.
 */
export class Traffic {
  readonly log: MessageLog
  readonly #hidden: string
  readonly #connections: () => Iterable<Connection>
  readonly #listeners = new Set<(entry: LogEntry) => void>()
  #recording: LogEntry[] | undefined
  #active = false
  readonly #recorded = new Set<string>()
  #lastFrame: Frame | undefined
  readonly #sentFor = new Set<Connection>()

  constructor(capacity: number, hidden: string, connections: () => Iterable<Connection>) {
    this.log = new MessageLog(capacity)
    this.#hidden = hidden
    this.#connections = connections
  }

  /** Calls `listener` with every new entry; returns the function that removes it. */
  listen(listener: (entry: LogEntry) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  add(entry: Entry): LogEntry {
    const stamped = this.log.add(entry)
    if (this.#recording !== undefined && this.#belongs(stamped)) this.#recording.push(stamped)
    for (const listener of this.#listeners) listener(stamped)
    return stamped
  }

  /**
   * `true` starts a new recording (dropping the last one): connections opened from now on are
   * recorded, with everything they send and receive. `false` stops it; the session stays readable.
   */
  setRecording(on: boolean): void {
    if (on) {
      this.#recording = []
      this.#recorded.clear()
    }
    this.#active = on
  }

  /** True while a session is being recorded. */
  get recording(): boolean {
    return this.#active
  }

  /** The last recorded session, oldest first (empty when nothing was recorded). */
  session(): readonly LogEntry[] {
    return this.#recording ?? []
  }

  #belongs(entry: LogEntry): boolean {
    if (!this.#active) return false
    if (entry.kind === 'inject') return entry.connection === undefined || this.#recorded.has(entry.connection)
    if (entry.kind === 'open' && entry.connection !== undefined) this.#recorded.add(entry.connection)
    return entry.connection !== undefined && this.#recorded.has(entry.connection) && entry.kind !== 'publish'
  }

  /** The hooks that feed this log; connections of the inspector's own route are skipped. */
  instrumentation(): BridgeInstrumentation {
    const hidden = (connection: Connection | undefined): boolean => connection?.route === this.#hidden
    const traffic = (kind: 'in' | 'out', connection: Connection, frame: Frame): void => {
      const { data, binary } = frameText(frame)
      const type = binary ? undefined : frameType(data)
      this.add({ kind, connection: connection.id, route: connection.route, data, ...(type !== undefined && { type }) })
    }
    return {
      opened: (connection) => {
        if (hidden(connection)) return
        const { pathname, search } = connection.url
        this.add({ kind: 'open', connection: connection.id, route: connection.route, url: pathname + search })
      },
      closed: (connection, code, reason) => {
        if (!hidden(connection)) this.add({ kind: 'close', connection: connection.id, route: connection.route, code, reason })
      },
      message: (connection, data) => {
        this.#lastFrame = undefined
        if (!hidden(connection)) traffic('in', connection, data)
        return undefined
      },
      sent: (connection, frame) => {
        if (hidden(connection)) return
        if (frame !== this.#lastFrame) {
          this.#lastFrame = frame
          this.#sentFor.clear()
        }
        this.#sentFor.add(connection)
        traffic('out', connection, frame)
      },
      error: (error, connection) => {
        if (hidden(connection)) return
        const where = connection === undefined ? {} : { connection: connection.id, route: connection.route }
        this.add({ kind: 'error', code: error.code, reason: error.message, ...where })
      },
      published: (topics, frame, sender) => {
        if (hidden(sender)) return undefined
        const { data, binary } = frameText(frame)
        const type = binary ? undefined : frameType(data)
        this.add({
          kind: 'publish',
          topics,
          data,
          ...(sender && { connection: sender.id, route: sender.route }),
          ...(type !== undefined && { type }),
        })
        const reported = frame === this.#lastFrame ? this.#sentFor : new Set<Connection>()
        for (const member of this.#connections()) {
          if (member === sender || reported.has(member) || hidden(member) || member.readyState !== 1) continue
          if (topics.some((topic) => member.topics.has(topic) || topic === routeTopic(member.route))) traffic('out', member, frame)
        }
        this.#lastFrame = undefined
        return undefined
      },
    }
  }
}
