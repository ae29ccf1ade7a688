import { defineRoute } from '@wsbridge/core'
import { createDurableObjectWebSocket, type CloudflareWebSocket, type DurableObjectStateLike, forwardableRequest } from '../src/index.js'

/** The object instance that answers: a new one after the first was evicted (hibernation). */
let instance = ''

const routes = {
  room: defineRoute({
    kind: 'ws',
    path: '/room/:roomId',
    // No heartbeat or idle timer: a pending timer would keep the object in memory.
    limits: { heartbeat: false, idleTimeout: 0 },
    auth: ({ query }) => (query['token'] ? { name: query['token'] } : { success: false, code: 4401, reason: 'no token' }),
    context: ({ params }) => ({ room: params['roomId'], joined: 'at-upgrade' }),
    handler: {
      onOpen: (connection) => connection.subscribe(`room:${connection.params['roomId']}`),
      onMessage: (message, connection) => {
        const about = {
          instance,
          id: connection.id,
          user: connection.user,
          params: connection.params,
          query: connection.query,
          context: connection.context,
          topics: [...connection.topics],
        }
        const { say } = message as { say?: string }
        if (say === undefined) connection.send(about)
        else connection.publish(`room:${connection.params['roomId']}`, { say, from: about }, { includeSelf: true })
      },
    },
  }),
}

interface Env {
  readonly ROOMS: { idFromName(name: string): unknown; get(id: unknown): { fetch(request: Request): Promise<Response> } }
}

/** Routes `/room/:roomId` to the room's own object: the pattern docs/adapters/cloudflare.md shows. */
export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    const room = new URL(request.url).pathname.split('/')[2]
    if (!room) return new Response('Not Found', { status: 404 })
    return env.ROOMS.get(env.ROOMS.idFromName(room)).fetch(forwardableRequest(request))
  },
}

export class Room {
  readonly #ws

  constructor(state: DurableObjectStateLike) {
    instance = crypto.randomUUID()
    // No heartbeat, idle or close deadline: core then runs no timer, which would keep the object awake.
    this.#ws = createDurableObjectWebSocket(routes, state, { logger: false, heartbeat: false, idleTimeout: 0, closeTimeout: 0 })
  }

  fetch(request: Request): Response | Promise<Response> {
    return this.#ws.fetch(request)
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
