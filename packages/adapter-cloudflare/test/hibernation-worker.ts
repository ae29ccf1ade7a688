import { defineRoute } from '@wsbridge/core'
import { createDurableObjectWebSocket, type DurableObjectStateLike, type DurableObjectWebSocket, forwardableRequest } from '../src/index.js'
import { IDLE_SECONDS } from './hibernation-timings.js'
import { WebSocketObject } from './websocket-object.js'

/** The object instance that answers: a new one after the first was evicted (hibernation). */
let instance = ''

/** Tells who answers: which instance, and what the connection looks like to it. */
function about(connection: { id: string; user: unknown; params: unknown; query: unknown; context: unknown; topics: ReadonlySet<string> }) {
  const { id, user, params, query, context, topics } = connection
  return { instance, id, user, params, query, context, topics: [...topics] }
}

interface Env {
  readonly ROOMS: { idFromName(name: string): unknown; get(id: unknown): { fetch(request: Request): Promise<Response> } }
}

/** The namespace, for handlers that publish into another room's object (the same in every instance). */
let rooms: Env['ROOMS'] | undefined

/** Publishes into `room`'s object, which may be another one: its `fallback` takes a plain POST. */
async function publishInto(room: string, message: unknown): Promise<unknown> {
  const stub = rooms!.get(rooms!.idFromName(room))
  const request = new Request(`https://rooms/room/${room}/publish`, { method: 'POST', body: JSON.stringify(message) })
  return (await stub.fetch(request)).json()
}

const routes = {
  room: defineRoute({
    kind: 'ws',
    path: '/room/:roomId',
    auth: ({ query }) => (query['token'] ? { name: query['token'] } : { success: false, code: 4401, reason: 'no token' }),
    context: ({ params }) => ({ room: params['roomId'], joined: 'at-upgrade', note: '' }),
    handler: {
      onOpen: (connection) => connection.subscribe(`room:${connection.params['roomId']}`),
      onMessage: async (message, connection) => {
        const { say, note, relayTo } = message as { say?: string; note?: string; relayTo?: string }
        if (relayTo !== undefined) {
          connection.send(await publishInto(relayTo, { say, from: connection.params['roomId'] }))
          return
        }
        // A handler changing the context in place: kept across hibernation without a (un)subscribe.
        if (note !== undefined) connection.context.note = note
        if (say === undefined) connection.send(about(connection))
        else connection.publish(`room:${connection.params['roomId']}`, { say, from: about(connection) }, { includeSelf: true })
      },
    },
  }),
  /** A silent client here is closed by the idle timeout, which an alarm keeps across eviction. */
  quiet: defineRoute({
    kind: 'ws',
    path: '/room/:roomId/quiet',
    limits: { idleTimeout: IDLE_SECONDS },
    handler: { onMessage: (_message, connection) => connection.send(about(connection)) },
  }),
}

/** Routes `/room/:roomId` to the room's own object: the pattern docs/adapters/cloudflare.md shows. */
export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    const room = new URL(request.url).pathname.split('/')[2]
    if (!room) return new Response('Not Found', { status: 404 })
    return env.ROOMS.get(env.ROOMS.idFromName(room)).fetch(forwardableRequest(request))
  },
}

export class Room extends WebSocketObject {
  constructor(state: DurableObjectStateLike, env: Env) {
    instance = crypto.randomUUID()
    rooms = env.ROOMS
    // No heartbeat: workerd sends no pings from a Durable Object. The idle timeout runs on the alarm.
    const ws: DurableObjectWebSocket<typeof routes> = createDurableObjectWebSocket(routes, state, {
      logger: false,
      heartbeat: false,
      idleTimeout: 0,
      // POST /room/:roomId/publish from a Worker or another object: publish to this room's sockets.
      fallback: async (request): Promise<Response> => {
        const room = new URL(request.url).pathname.split('/')[2]
        if (request.method !== 'POST' || !room) return new Response('Not Found', { status: 404 })
        return Response.json({ delivered: ws.bridge.publish(`room:${room}`, await request.json()) })
      },
    })
    super(ws)
  }
}
