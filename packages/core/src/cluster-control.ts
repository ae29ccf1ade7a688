import type { BridgePublishOptions, DisconnectUserOptions } from './bridge-types.js'
import { CloseCode, isValidCloseCode, trimCloseReason } from './close-codes.js'
import { type ConnectionImpl, connectionInternals } from './connection.js'
import { WsError } from './errors.js'
import type { PubSubDriver } from './pubsub/driver.js'
import { withControlChannel } from './pubsub/control-channel.js'
import { encodeFor } from './text-frames.js'
import { UserIndex, type UserKey } from './user-index.js'

/** A command as it travels on the control channel (JSON text). */
type Command =
  | { readonly op: 'send'; readonly user: string; readonly frame: string }
  | { readonly op: 'disconnect'; readonly user: string; readonly code: number; readonly reason: string }

const DISCONNECT = { code: CloseCode.FORBIDDEN, reason: 'Disconnected by the server' }

/**
 * Cluster-wide control of a user's connections (`bridge.sendToUser`, `bridge.disconnectUser`): applied
 * to this instance's connections at once, and sent over the driver's control channel
 * (pubsub/control-channel.ts) to every other instance, which applies it to its own.
 */
export class ClusterControl {
  readonly users: UserIndex<ConnectionImpl>
  /** The driver the hub uses: the user's, wrapped so the control channel is the bridge's alone. */
  readonly driver: PubSubDriver | undefined
  readonly #send: (command: string) => void
  readonly #reportError: (error: WsError) => void

  constructor(driver: PubSubDriver | undefined, userKey: UserKey | undefined, reportError: (error: WsError) => void) {
    this.users = new UserIndex(userKey)
    this.#reportError = reportError
    const channel = driver && withControlChannel(driver, (frame) => this.#received(frame))
    this.driver = channel?.driver
    this.#send = channel ? (command) => channel.send(command) : () => undefined
  }

  /** Sends `data` to every connection of `user` on every instance; returns this instance's deliveries. */
  sendToUser(user: string, data: unknown, options?: BridgePublishOptions): number {
    const frame = encodeFor(options?.format, data)
    if (typeof frame !== 'string') throw new TypeError('[wsbridge] sendToUser sends text frames')
    this.#send(JSON.stringify({ op: 'send', user, frame } satisfies Command))
    return this.#apply({ op: 'send', user, frame })
  }

  /** Closes every connection of `user` on every instance; returns how many were open here. */
  disconnectUser(user: string, options: DisconnectUserOptions = {}): number {
    const code = options.code ?? DISCONNECT.code
    if (!isValidCloseCode(code)) throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] ${code} is not a valid close code (RFC 6455 §7.4)`)
    const command: Command = { op: 'disconnect', user, code, reason: trimCloseReason(options.reason ?? DISCONNECT.reason) }
    this.#send(JSON.stringify(command))
    return this.#apply(command)
  }

  #apply(command: Command): number {
    const connections = this.users.get(command.user)
    if (!connections) return 0
    let count = 0
    for (const connection of [...connections]) {
      if (command.op === 'send') {
        const result = connectionInternals.sendFrame(connection, command.frame)
        if (result === 'sent' || result === 'backpressure') count++
      } else {
        connection.close(command.code, command.reason)
        count++
      }
    }
    return count
  }

  /** A command from another instance; anything malformed is reported and ignored. */
  #received(frame: string | Uint8Array): void {
    const command = typeof frame === 'string' ? parseCommand(frame) : undefined
    if (command) this.#apply(command)
    else this.#reportError(new WsError('PUBSUB_ERROR', '[wsbridge] malformed control command ignored', { expose: false }))
  }
}

function parseCommand(text: string): Command | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { op, user, frame, code, reason } = value as Record<string, unknown>
  if (typeof user !== 'string') return undefined
  if (op === 'send' && typeof frame === 'string') return { op, user, frame }
  if (op === 'disconnect' && typeof code === 'number' && isValidCloseCode(code) && typeof reason === 'string')
    return { op, user, code, reason: trimCloseReason(reason) }
  return undefined
}
