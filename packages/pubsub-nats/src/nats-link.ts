import type { NatsConnection } from '@nats-io/nats-core'
import { connect, type NodeConnectionOptions } from '@nats-io/transport-node'
import type { BackplaneHealth } from '@wsbridge/core/adapter'

/** NATS client options; the driver sets `noEcho` (its own publishes never come back) and `servers` comes from `servers`. */
export type NatsClientOptions = Omit<NodeConnectionOptions, 'noEcho' | 'servers'>

interface NatsLinkOptions {
  readonly servers: string | readonly string[] | undefined
  readonly nats: NatsClientOptions | undefined
  readonly health: BackplaneHealth
  /** Called once connected (first connect only; the client restores its subscriptions on reconnects). */
  readonly opened: (connection: NatsConnection) => void
}

/**
 * The pub/sub driver's one NATS connection and whether it is usable now. The first connection is
 * retried here (the client only retries once it has connected once), so a server that is down at
 * start is reported once and joined when it comes up; after that the client reconnects by itself,
 * and its status events drive `connected` and the backplane's health.
 */
export class NatsLink {
  connection: NatsConnection | undefined
  connected = false
  #closed = false
  #retry: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined
  readonly #options: NatsLinkOptions

  constructor(options: NatsLinkOptions) {
    this.#options = options
  }

  /** Connects, retrying every `reconnectTimeWait` (default 2 s) until connected or closed. */
  async open(): Promise<void> {
    const { health, nats } = this.#options
    while (!this.#closed) {
      try {
        const connection = await connect({ maxReconnectAttempts: -1, ...nats, servers: serverList(this.#options.servers), noEcho: true })
        if (this.#closed) return void (await connection.close())
        this.connection = connection
        this.connected = true
        health.recovered()
        this.#options.opened(connection)
        void this.#watch(connection)
        void connection.closed().then((error) => {
          this.connected = false
          if (!this.#closed) health.failed(error ?? new Error('connection closed'))
        })
        return
      } catch (error) {
        health.failed(error)
        await new Promise<void>((wake) => (this.#retry = { timer: setTimeout(wake, nats?.reconnectTimeWait ?? 2000), wake }))
      }
    }
  }

  /** Stops retrying and drains the connection (sends what is buffered, then closes). */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#retry) clearTimeout(this.#retry.timer)
    this.#retry?.wake()
    this.connected = false
    await this.connection?.drain().catch(() => this.connection?.close())
  }

  async #watch(connection: NatsConnection): Promise<void> {
    const { health } = this.#options
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.connected = false
        health.failed(new Error(`disconnected from ${status.server}`))
      } else if (status.type === 'reconnect') {
        this.connected = true
        health.recovered()
      } else if (status.type === 'error') health.operation('server error', status.error)
    }
  }
}

function serverList(servers: string | readonly string[] | undefined): string[] {
  if (servers === undefined) return ['127.0.0.1:4222']
  return typeof servers === 'string' ? [servers] : [...servers]
}
