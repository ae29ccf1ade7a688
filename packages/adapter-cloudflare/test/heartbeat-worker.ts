import { defineRoute } from '@wsbridge/core'
import { createDurableObjectWebSocket, type DurableObjectStateLike } from '../src/index.js'
import { HEARTBEAT_MS, IDLE_SECONDS } from './heartbeat-timings.js'
import { WebSocketObject } from './websocket-object.js'

/** Tells the `watch` clients of a close (set once the object's bridge exists). */
let closed: (event: { route: string; code: number; reason: string }) => void = () => {}

const routes = {
  /** Hears every close of the other routes: `{ route, code, reason }`. */
  watch: defineRoute({ kind: 'ws', handler: { onOpen: (connection) => connection.subscribe('closes'), onMessage() {} } }),
  beat: defineRoute({
    kind: 'ws',
    limits: { heartbeat: HEARTBEAT_MS, idleTimeout: 0 },
    handler: {
      onMessage: (_message, connection) => connection.send({ echo: true }),
      onClose: (_connection, code, reason) => closed({ route: 'beat', code, reason }),
    },
  }),
  idle: defineRoute({
    kind: 'ws',
    limits: { heartbeat: false, idleTimeout: IDLE_SECONDS },
    handler: {
      onMessage() {},
      onClose: (_connection, code, reason) => closed({ route: 'idle', code, reason }),
    },
  }),
}

interface Env {
  readonly OBJECT: { idFromName(name: string): unknown; get(id: unknown): { fetch(request: Request): Promise<Response> } }
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return env.OBJECT.get(env.OBJECT.idFromName('one')).fetch(request)
  },
}

/** workerd answers the typed client's heartbeat itself: the object never sees those frames. */
export class HeartbeatObject extends WebSocketObject {
  constructor(state: DurableObjectStateLike) {
    const ws = createDurableObjectWebSocket(routes, state, {
      prefix: '/ws',
      logger: false,
      autoResponse: { request: '{"~":"ping"}', response: '{"~":"pong"}' },
    })
    closed = (event) => void ws.bridge.publish('closes', event)
    super(ws)
  }
}
