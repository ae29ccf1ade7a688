import { type CloudflareWebSocket, type DurableObjectWebSocket, forwardableRequest } from '@wsbridge/adapter-cloudflare'
import { pageOrNotFound, type StaticFile } from './page-response.js'

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

/** A Durable Object namespace, as far as a sample's Worker uses it. */
interface ObjectNamespace {
  idFromName(name: string): unknown
  get(id: unknown): { fetch(request: Request): Promise<Response> }
}

/** The bindings every sample's Worker has: the page (URL path → file, built by Node before workerd starts) and its object. */
export type SampleEnv<Binding extends string> = { readonly PAGE: Readonly<Record<string, StaticFile>> } & Readonly<
  Record<Binding, ObjectNamespace>
>

/**
 * A sample's Worker: everything under `/api/` goes to the one object named `name` (so every socket
 * shares one bridge, as on a single Node process), every other path to the page.
 */
export function sampleWorker<Binding extends string>(binding: Binding, name: string) {
  return {
    fetch(request: Request, env: SampleEnv<Binding>): Response | Promise<Response> {
      const objects: ObjectNamespace = env[binding]
      if (new URL(request.url).pathname.startsWith('/api/')) return objects.get(objects.idFromName(name)).fetch(forwardableRequest(request))
      return pageOrNotFound(new Map(Object.entries(env.PAGE)), request)
    },
  }
}
