import type { CloudflareWebSocket, DurableObjectWebSocket } from '../src/index.js'

/** The adapter's handlers, whatever its routes (none of them depends on the route types). */
type Handlers = Pick<DurableObjectWebSocket<never>, 'fetch' | 'webSocketMessage' | 'webSocketClose' | 'webSocketError' | 'alarm'>

/**
 * A Durable Object whose handlers are the adapter's: what every object serving wsbridge routes
 * writes (docs/adapters/cloudflare.md), shared by the test workers and the conformance worker.
 */
export class WebSocketObject {
  readonly ws: Handlers

  constructor(ws: Handlers) {
    this.ws = ws
  }

  fetch(request: Request): Response | Promise<Response> {
    return this.ws.fetch(request)
  }

  webSocketMessage(socket: CloudflareWebSocket, message: string | ArrayBuffer): void {
    this.ws.webSocketMessage(socket, message)
  }

  webSocketClose(socket: CloudflareWebSocket, code: number, reason: string, wasClean: boolean): void {
    this.ws.webSocketClose(socket, code, reason, wasClean)
  }

  webSocketError(socket: CloudflareWebSocket, error: unknown): void {
    this.ws.webSocketError(socket, error)
  }

  alarm(): void {
    this.ws.alarm()
  }
}
