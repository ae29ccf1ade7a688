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

  private constructor(target: number, server: Server) {
    this.target = target
    this.#server = server
  }

  static async start(target: number): Promise<Balancer> {
    const server = createServer()
    const balancer = new Balancer(target, server)
    server.on('connection', (client) => balancer.#pipe(client))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return balancer
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/ws`
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
