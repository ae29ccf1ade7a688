// The chat's Worker for workerd, bundled by src/workerd.ts. One Durable Object serves every
// connection, so rooms, presence and typing work exactly as on a single Node process.
import { createDurableObjectWebSocket, type DurableObjectStateLike } from '@wsbridge/adapter-cloudflare'
import { type SampleEnv, sampleWorker, WebSocketObject } from '@wsbridge/app-kit/websocket-object'
import { chatRoutes, publishRoomPresence } from '../routes.js'

/** The bindings src/workerd.ts gives the Worker. */
interface Env extends SampleEnv<'CHAT'> {
  /** What the page shows as "served by". */
  readonly SERVER: string
}

export default sampleWorker('CHAT', 'chat')

/** The Durable Object holding the bridge (Hibernation API: sockets survive the object sleeping). */
export class ChatObject extends WebSocketObject {
  constructor(state: DurableObjectStateLike, env: Env) {
    const ws = createDurableObjectWebSocket(chatRoutes(env.SERVER), state, { prefix: '/api' })
    publishRoomPresence(ws.bridge)
    super(ws)
  }
}
