// The echo sample's Worker for workerd, bundled by src/workerd.ts: one Durable Object holds the
// sockets (the Hibernation API: an idle echo costs nothing), the Worker serves the page.
import { createDurableObjectWebSocket, type DurableObjectStateLike } from '@wsbridge/adapter-cloudflare'
import { sampleWorker, WebSocketObject } from '@wsbridge/app-kit/websocket-object'
import { routes } from '../routes.js'

export default sampleWorker('ECHO', 'echo')

/** The Durable Object serving the tutorial's routes. */
export class EchoObject extends WebSocketObject {
  constructor(state: DurableObjectStateLike) {
    super(createDurableObjectWebSocket(routes, state, { prefix: '/api' }))
  }
}
