import { PING_FRAME } from '../control-frames.js'

/** Client heartbeat: detects a dead server (or a silently dropped network path) and reconnects. */
export interface HeartbeatOptions {
  /** Ms of silence from the server before the client sends a ping. @default 25000 */
  readonly interval?: number
  /** Ms to wait for any frame after a ping before the socket is treated as dead. @default 10000 */
  readonly timeout?: number
}

/**
 * Browsers cannot send WebSocket ping frames, so the heartbeat is the `{"~":"ping"}` text frame,
 * which every wsbridge route answers with `{"~":"pong"}`. Any frame from the server counts as
 * proof of life, so a busy connection never pings.
 */
export class Heartbeat {
  readonly #interval: number
  readonly #timeout: number
  readonly #send: (frame: string) => void
  readonly #dead: () => void
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(options: HeartbeatOptions, send: (frame: string) => void, dead: () => void) {
    this.#interval = options.interval ?? 25_000
    this.#timeout = options.timeout ?? 10_000
    this.#send = send
    this.#dead = dead
  }

  /** Starts (or restarts) the silence timer: call on open and on every incoming frame. */
  alive(): void {
    this.stop()
    this.#timer = setTimeout(() => {
      this.#send(PING_FRAME)
      this.#timer = setTimeout(() => this.#dead(), this.#timeout)
    }, this.#interval)
  }

  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
