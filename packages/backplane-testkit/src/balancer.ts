import { createServer, type Server, type Socket, connect } from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A TCP load balancer in front of instances: new connections go to `target`; `drop()` cuts the
 * current ones (as a dead instance or a balancer failover does). Clients keep one URL throughout.
 */
export class Balancer {
  target: number
  readonly #server: Server
  readonly #sockets = new Set<Socket>()
  /** Connections waiting while the balancer is held (`hold()`), piped on `release()`. */
  #held: Socket[] | undefined

  private constructor(target: number, server: Server) {
    this.target = target
    this.#server = server
  }

  static async start(target: number): Promise<Balancer> {
    const server = createServer()
    const balancer = new Balancer(target, server)
    server.on('connection', (client) => {
      if (balancer.#held === undefined) return balancer.#pipe(client)
      client.on('error', () => undefined)
      balancer.#held.push(client)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return balancer
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/ws`
  }

  /** New connections wait (accepted, not yet forwarded) until `release()`: a client stuck reconnecting. */
  hold(): void {
    this.#held ??= []
  }

  /** Forwards the connections that waited, to the current `target`, and stops holding. */
  release(): void {
    const held = this.#held ?? []
    this.#held = undefined
    for (const client of held) if (!client.destroyed) this.#pipe(client)
  }

  drop(): void {
    for (const socket of this.#sockets) socket.destroy()
  }

  close(): Promise<void> {
    this.drop()
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }

  #pipe(client: Socket): void {
    const upstream = connect(this.target, '127.0.0.1')
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket)
      socket.on('close', () => {
        this.#sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
      socket.on('error', () => undefined)
    }
    client.pipe(upstream)
    upstream.pipe(client)
  }
}
