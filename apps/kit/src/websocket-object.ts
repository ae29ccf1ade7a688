import type { CloudflareWebSocket, DurableObjectWebSocket } from '@wsbridge/adapter-cloudflare'

/**
 * The object's path for a graceful stop (every socket gets 1001). Only the sample's Node launcher
 * (src/workerd.ts) reaches it, through Miniflare's object stub: a sample's Worker forwards nothing
 * but its WebSocket routes to the object.
 */
export const SHUTDOWN_PATH = '/__shutdown'

/** The adapter's handlers, whatever the routes (none of them depends on the route types). */
type Handlers = Pick<DurableObjectWebSocket<never>, 'fetch' | 'webSocketMessage' | 'webSocketClose' | 'webSocketError' | 'alarm' | 'close'>

/**
 * A Durable Object whose handlers are the adapter's (docs/adapters/cloudflare.md), plus the
 * shutdown path: what every sample's object writes. A sample extends it and builds `ws` in its
 * constructor.
 */
export class WebSocketObject {
  readonly #ws: Handlers

  constructor(ws: Handlers) {
    this.#ws = ws
  }

  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname !== SHUTDOWN_PATH) return this.#ws.fetch(request)
    // Every socket gets 1001, as on the other hosts' Ctrl-C, so pages reconnect at once.
    await this.#ws.close()
    return new Response(null, { status: 204 })
  }

  webSocketMessage(socket: CloudflareWebSocket, message: string | ArrayBuffer): void {
    this.#ws.webSocketMessage(socket, message)
  }

  webSocketClose(socket: CloudflareWebSocket, code: number, reason: string, wasClean: boolean): void {
    this.#ws.webSocketClose(socket, code, reason, wasClean)
  }

  webSocketError(socket: CloudflareWebSocket, error: unknown): void {
    this.#ws.webSocketError(socket, error)
  }

  /** The adapter's heartbeat, idle and close deadlines run on the object's alarm. */
  alarm(): void {
    this.#ws.alarm()
  }
}
