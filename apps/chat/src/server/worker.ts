// The chat's Worker for workerd, bundled by src/workerd.ts. One Durable Object serves every
// connection, so rooms, presence and typing work exactly as on a single Node process.
import {
  createDurableObjectWebSocket,
  forwardableRequest,
  type CloudflareWebSocket,
  type DurableObjectStateLike,
  type DurableObjectWebSocket,
} from '@wsbridge/adapter-cloudflare'
import { chatRoutes, publishRoomPresence, type ChatRoutes } from '../routes.js'
import { pageResponse, type StaticFile } from './page-response.js'
import { SHUTDOWN_PATH } from './worker-shutdown.js'

/** The bindings src/workerd.ts gives the Worker. */
interface Env {
  /** URL path → file: the page, built by Node (esbuild) before workerd starts. */
  readonly PAGE: Readonly<Record<string, StaticFile>>
  /** What the page shows as "served by". */
  readonly SERVER: string
  readonly CHAT: {
    idFromName(name: string): unknown
    get(id: unknown): { fetch(request: Request): Promise<Response> }
  }
}

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    const path = new URL(request.url).pathname
    if (path.startsWith('/api/')) return env.CHAT.get(env.CHAT.idFromName('chat')).fetch(forwardableRequest(request))
    return pageResponse(new Map(Object.entries(env.PAGE)), request) ?? new Response('Not Found', { status: 404 })
  },
}

/** The Durable Object holding the bridge (Hibernation API: sockets survive the object sleeping). */
export class ChatObject {
  readonly #ws: DurableObjectWebSocket<ChatRoutes>

  constructor(state: DurableObjectStateLike, env: Env) {
    this.#ws = createDurableObjectWebSocket(chatRoutes(env.SERVER), state, { prefix: '/api' })
    publishRoomPresence(this.#ws.bridge)
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
}
