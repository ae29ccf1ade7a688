import type { NativePubSub } from '@wsbridge/core/adapter'
import type { BunTransport } from './bun-transport.js'

/** The part of Bun's `Server` the fan-out calls (duck-typed: nothing here imports `bun`). */
export interface BunPublisher {
  /** `server.publish`: sends one already-encoded frame to every socket subscribed to `topic`. */
  publish(topic: string, data: string | Uint8Array, compress?: boolean): unknown
}

/**
 * Bun's native pub/sub as core's NativePubSub, one per `Bun.serve` server: Bun's topic tree is per
 * server, so a frame published on one never reaches the sockets of another. Core keeps the counts
 * and calls `publish` once per topic and server, so the fan-out to every subscriber happens in Bun
 * (uWebSockets), with no JavaScript per receiver.
 *
 * @see https://bun.sh/docs/api/websockets#pub-sub
 */
export class BunNativePubSub implements NativePubSub {
  readonly #server: BunPublisher

  constructor(server: BunPublisher) {
    this.#server = server
  }

  // Core passes only transports whose `pubsub` is this object: Bun transports of this server.
  subscribe(socket: BunTransport, topic: string): void {
    socket.raw.subscribe(topic)
  }

  /** Removes the socket from `topic` in Bun's topic tree. */
  unsubscribe(socket: BunTransport, topic: string): void {
    socket.raw.unsubscribe(topic)
  }

  /**
   * Uncompressed: core decides compression per frame and route, which one call for a whole topic
   * cannot follow (and `server.publish` would compress by default). With `except`, its own
   * `ws.publish`, which reaches every subscriber but itself.
   */
  publish(topic: string, frame: string | Uint8Array, except: BunTransport | undefined): void {
    if (except) except.raw.publish(topic, frame, false)
    else this.#server.publish(topic, frame, false)
  }
}

const servers = new WeakMap<BunPublisher, BunNativePubSub>()

/** The one fan-out of `server`: every socket of a server must share it (core counts per fan-out). */
export function bunNativePubSub(server: BunPublisher): BunNativePubSub {
  let pubsub = servers.get(server)
  if (!pubsub) servers.set(server, (pubsub = new BunNativePubSub(server)))
  return pubsub
}
