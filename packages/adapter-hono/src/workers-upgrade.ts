import { defineWebSocketHelper, WSContext, type UpgradeWebSocket, type WSReadyState } from 'hono/ws'

/** The server end of a workerd `WebSocketPair`, as far as this helper uses it. */
interface WorkersSocket {
  accept(): void
  send(data: string | ArrayBuffer | ArrayBufferView): void
  close(code?: number, reason?: string): void
  addEventListener(type: 'message' | 'close' | 'error', listener: (event: Event) => void): void
  readonly readyState: number
}

type WorkersPair = new () => { readonly 0: unknown; readonly 1: WorkersSocket }

/** workerd's `WebSocketPair`, or undefined on every other runtime (read when a request is upgraded). */
function workersPair(): WorkersPair | undefined {
  return (globalThis as { WebSocketPair?: WorkersPair }).WebSocketPair
}

/** workerd's error event for a connection that ended without a close frame. */
function connectionLost(event: Event): boolean {
  const { message, error } = event as Event & { message?: unknown; error?: { message?: unknown } }
  return message === LOST || error?.message === LOST
}
const LOST = 'Network connection lost.'

/**
 * Cloudflare Workers' `upgradeWebSocket`, built with Hono's own helper API (`defineWebSocketHelper`
 * and `WSContext`) exactly as `hono/cloudflare-workers` builds it, plus the open event that one
 * never sends: a Workers socket has no `open` event, so Hono's helper leaves `onOpen` out, and a
 * route's `onOpen` (its welcome message, the connection caps, an auth close) would wait for the
 * client's first frame. Here `onOpen` runs right after `accept()`, before the 101 goes out; what it
 * sends is delivered once the client is connected.
 *
 * @see https://hono.dev/docs/helpers/websocket
 * @see https://developers.cloudflare.com/workers/runtime-apis/websockets/
 */
const workersUpgradeWebSocket: UpgradeWebSocket<WorkersSocket> = defineWebSocketHelper<WorkersSocket>((_c, events) => {
  const Pair = workersPair()
  if (!Pair) return
  const pair = new Pair()
  const server = pair[1]
  const ws = new WSContext<WorkersSocket>({
    send: (data) => server.send(data),
    close: (code, reason) => server.close(code, reason),
    raw: server,
    get readyState() {
      return server.readyState as WSReadyState
    },
  })
  // Called as methods of `events`, as every Hono helper does (the adapter's events are a class).
  server.addEventListener('message', (event) => events.onMessage?.(event as MessageEvent, ws))
  server.addEventListener('close', (event) => {
    const { code, reason } = event as CloseEvent
    // workerd describes a drop ("WebSocket disconnected without sending Close frame."); every host reports 1006 without a reason.
    events.onClose?.(code === 1006 ? new CloseEvent('close', { code, reason: '' }) : (event as CloseEvent), ws)
    // An accepted Workers socket does not answer the client's close frame itself: answered here, as
    // every other runtime does, so the client's close completes and its connection ends.
    try {
      server.close(code === 1005 || code === 1006 ? 1000 : code, reason)
    } catch {
      // Already closed (the server started the close), or the connection is gone.
    }
  })
  server.addEventListener('error', (event) => {
    // workerd reports a client that went away as this error, then the close (1006); every host
    // reports a drop as that close alone, so only other errors reach the route's onError.
    if (!connectionLost(event)) events.onError?.(event, ws)
  })
  server.accept()
  events.onOpen?.(new Event('open'), ws)
  // workerd's ResponseInit takes the client end as `webSocket`; the DOM's type does not know it.
  return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit)
})

/**
 * The helper the adapter upgrades with: on workerd (where `WebSocketPair` exists) its own, which
 * runs `onOpen` (see above) in place of `hono/cloudflare-workers`'s; elsewhere the app's.
 */
export function runtimeUpgradeWebSocket(given: UpgradeWebSocket<any, any, any>): UpgradeWebSocket<any, any, any> {
  return workersPair() ? workersUpgradeWebSocket : given
}
