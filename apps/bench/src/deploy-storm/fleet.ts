import type { ClientConnection, WebSocketConstructor } from '@wsbridge/core/client'
import { setupBridge } from '@wsbridge/core/client'
import WS from 'ws'
import type { stormRoutes } from './routes.js'

/**
 * The load balancer in front of the instances: every new socket goes to a random instance in
 * rotation. The orchestrator takes an instance out before it shuts it down and puts it back once its
 * replacement listens, as a rolling deploy behind a balancer does.
 */
export class Balancer {
  readonly #live = new Set<number>()

  add(port: number): void {
    this.#live.add(port)
  }

  remove(port: number): void {
    this.#live.delete(port)
  }

  pick(): number {
    const ports = [...this.#live]
    return ports[Math.floor(Math.random() * ports.length)]!
  }

  /** A `ws` WebSocket whose every connect (first or reconnect) goes to the instance `pick` returns. */
  webSocket(): WebSocketConstructor {
    const balancer = this
    return class extends WS {
      constructor(url: string, protocols?: string | string[]) {
        super(url.replace(':1/', `:${balancer.pick()}/`), protocols)
      }
    } as unknown as WebSocketConstructor
  }
}

/** Open counts per whole second since `start`, and the failures the clients saw. */
export interface FleetCounters {
  open: number
  failedAttempts: number
  /** Clients that stopped reconnecting (state `closed`): they never come back. */
  gaveUp: number
  readonly opensPerSecond: number[]
  start: number
}

/** N typed clients (the real `@wsbridge/core/client`, default reconnect options) behind the balancer. */
export class Fleet {
  readonly counters: FleetCounters = { open: 0, failedAttempts: 0, gaveUp: 0, opensPerSecond: [], start: Date.now() }
  readonly #connections: ClientConnection<unknown>[] = []
  readonly #balancer: Balancer

  constructor(balancer: Balancer) {
    this.#balancer = balancer
  }

  /** Opens `count` clients, `batch` at a time, and resolves once all are open. */
  async connect(count: number, batch = 500): Promise<void> {
    const { $ws } = setupBridge<typeof stormRoutes>({ baseUrl: 'ws://127.0.0.1:1/ws', WebSocket: this.#balancer.webSocket() })
    const counters = this.counters
    for (let i = 0; i < count; i++) {
      let open = false
      const connection = $ws.hold(
        {},
        {
          onOpen: () => {
            open = true
            counters.open++
            const second = Math.floor((Date.now() - counters.start) / 1000)
            counters.opensPerSecond[second] = (counters.opensPerSecond[second] ?? 0) + 1
          },
          onClose: (_code, _reason, { willReconnect }) => {
            // A client that gives up reports a close without having been open.
            if (open) counters.open--
            open = false
            if (!willReconnect) counters.gaveUp++
          },
          onError: (error) => {
            counters.failedAttempts++
            if (counters.failedAttempts <= 3) console.error('client error:', error.message)
          },
        },
      )
      this.#connections.push(connection)
      if (i % batch === batch - 1) await until(() => counters.open === i + 1, 60_000)
    }
    await until(() => counters.open === count, 60_000)
  }

  /** Starts counting opens per second from now (the rollout). */
  restartClock(): void {
    this.counters.start = Date.now()
    this.counters.opensPerSecond.length = 0
    this.counters.failedAttempts = 0
    this.counters.gaveUp = 0
  }

  close(): void {
    for (const connection of this.#connections) connection.close()
  }
}

export async function until(check: () => boolean, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return true
}
