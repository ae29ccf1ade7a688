import { createBridge, type Bridge, type BridgeOptions, type Connection, type Routes } from '../../src/index.js'
import type { NativePubSub, Transport } from '../../src/adapter/index.js'

/** A socket core can drive without a runtime: records every frame it is asked to send. */
export interface RecordedSocket {
  readonly frames: (string | Uint8Array)[]
  /** Per frame: whether core marked it as shared with other sockets (Transport.send's `shared`). */
  readonly shared: boolean[]
  readonly connection: Connection
  /** Parsed JSON of every text frame. */
  messages(): unknown[]
  close(code?: number, reason?: string): void
}

/**
 * Bun's topic model for hub tests: one server's fan-out (`server.publish`; with `except`, that
 * socket's `ws.publish`, which skips it), every subscriber getting the same frame object.
 */
export class NativeTopics implements NativePubSub {
  readonly #topics = new Map<string, Set<(string | Uint8Array)[]>>()
  publishCalls = 0
  /** Reads of a transport's `pubsub` by core: how many members core visited. */
  reads = 0

  subscribe(socket: Transport, topic: string): void {
    this.#set(topic).add(socket.raw as (string | Uint8Array)[])
  }

  unsubscribe(socket: Transport, topic: string): void {
    this.#set(topic).delete(socket.raw as (string | Uint8Array)[])
  }

  publish(topic: string, frame: string | Uint8Array, except: Transport | undefined): void {
    this.publishCalls++
    for (const frames of this.#set(topic)) if (frames !== except?.raw) frames.push(frame)
  }

  /** Native subscribers of `topic` (Bun's server.subscriberCount). */
  count(topic: string): number {
    return this.#topics.get(topic)?.size ?? 0
  }

  #set(topic: string): Set<(string | Uint8Array)[]> {
    let set = this.#topics.get(topic)
    if (!set) this.#topics.set(topic, (set = new Set()))
    return set
  }
}

export async function connect(
  bridge: Bridge,
  url: string,
  native?: NativeTopics,
  buffered: () => number = () => 0,
): Promise<RecordedSocket> {
  const match = bridge.match(url)
  if (!match) throw new Error(`no route for ${url}`)
  const decision = await bridge.authorize({ url, headers: {} }, match)
  if (!decision.ok) throw new Error(`rejected: ${decision.message}`)
  const frames: (string | Uint8Array)[] = []
  const shared: boolean[] = []
  let events: ReturnType<Bridge['open']> | undefined
  const transport: Transport = {
    send: (frame, _compress, isShared) => {
      frames.push(frame)
      shared.push(isShared === true)
    },
    close: (code, reason) => queueMicrotask(() => events?.closed(code, reason)),
    terminate: () => queueMicrotask(() => events?.closed(1006, '')),
    get bufferedAmount() {
      return buffered()
    },
    raw: frames,
  }
  if (native) Object.defineProperty(transport, 'pubsub', { get: () => (native.reads++, native), enumerable: true })
  events = bridge.open(decision, transport)
  const connection = [...bridge.connections].find((c) => (c as { raw?: unknown }).raw === frames)
  if (!connection) throw new Error('connection not registered')
  return {
    frames,
    shared,
    connection,
    messages: () => frames.filter((f): f is string => typeof f === 'string').map((f) => JSON.parse(f) as unknown),
    close: (code = 1000, reason = '') => events?.closed(code, reason),
  }
}

export function bridgeOf<R extends Routes>(routes: R, options: BridgeOptions = {}): Bridge<R> {
  return createBridge(routes, { onError: () => undefined, ...options })
}

/** Lets queued handler work (onOpen, onMessage, microtask deliveries) finish. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
