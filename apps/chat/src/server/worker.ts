// The chat's Worker for workerd, bundled by src/workerd.ts. One Durable Object serves every
// connection, so rooms, presence and typing work exactly as on a single Node process.
import { createDurableObjectWebSocket, forwardableRequest, type DurableObjectStateLike } from '@wsbridge/adapter-cloudflare'
import { pageOrNotFound, type StaticFile } from '@wsbridge/app-kit/page-response'
import { WebSocketObject } from '@wsbridge/app-kit/websocket-object'
import { chatRoutes, publishRoomPresence } from '../routes.js'

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
    if (new URL(request.url).pathname.startsWith('/api/'))
      return env.CHAT.get(env.CHAT.idFromName('chat')).fetch(forwardableRequest(request))
    return pageOrNotFound(new Map(Object.entries(env.PAGE)), request)
  },
}

/** The Durable Object holding the bridge (Hibernation API: sockets survive the object sleeping). */
export class ChatObject extends WebSocketObject {
  constructor(state: DurableObjectStateLike, env: Env) {
    const ws = createDurableObjectWebSocket(chatRoutes(env.SERVER), state, { prefix: '/api' })
    publishRoomPresence(ws.bridge)
    super(ws)
  }
}
