import type { Probe } from './clients.js'
import { CountingLoad, settle } from './load.js'
import { closeAll, openMany, type OpenClient, type Target } from './pool.js'

export interface EchoShape {
  readonly clients: number
  readonly depth: number
}

/**
 * Pipelined echo: while running, every client keeps `depth` probes in flight and sends a new one
 * for each reply. Serves the plain echo route and the valibot-validated typed route (same probes).
 */
export class EchoLoad extends CountingLoad<EchoShape> {
  private clients: OpenClient[] = []
  private seq = 0
  private inFlight = 0

  static async open(target: Target, path: string, shape: EchoShape): Promise<EchoLoad> {
    const load = new EchoLoad(shape)
    load.clients = await openMany(target, path, shape.clients, 64, (index, reply) => load.reply(index, reply))
    return load
  }

  private probe(): Probe {
    this.inFlight++
    return { type: 'echo', seq: this.seq++, t: performance.now(), text: 'hello from the bench' }
  }

  private reply(index: number, reply: Probe): void {
    this.inFlight--
    this.received(reply.t)
    if (this.running) this.clients[index]!.client.send(this.probe())
  }

  start(): void {
    this.running = true
    for (const { client } of this.clients) for (let i = 0; i < this.shape.depth; i++) client.send(this.probe())
  }

  async stop(): Promise<void> {
    this.running = false
    if (!(await settle(() => this.inFlight <= 0))) {
      this.errors += this.inFlight
      this.inFlight = 0
    }
  }

  close(): Promise<void> {
    this.running = false
    return closeAll(this.clients)
  }
}
