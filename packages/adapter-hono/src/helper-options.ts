import type { AcceptedUpgrade } from '@wsbridge/core/adapter'
import { denoIdleTimeout } from '@wsbridge/adapter-deno/transport'

// The Node helpers send what our callbacks throw here (core's events never throw) and, in
// @hono/node-ws 1.3.1 on Node 20, its own `ErrorEvent is not defined`; the real error reaches core
// through `raw`. Without this they would print to the console.
const ignore = (): undefined => undefined

/**
 * The options `upgradeWebSocket` gets for one accepted upgrade. Each helper reads what it knows:
 * the Node helpers `onError`; hono/deno spreads the rest into `Deno.upgradeWebSocket`'s options,
 * where `idleTimeout` is Deno's heartbeat standing in for core's (Deno's socket cannot ping), and
 * `protocol` is cleared: hono/deno would pass the first offered subprotocol, which Deno checks
 * against the offer split on ", " only, throwing for "a,b". `withProtocol` answers it instead.
 */
export function helperOptions(accepted: AcceptedUpgrade) {
  return { onError: ignore, idleTimeout: denoIdleTimeout(accepted), protocol: undefined }
}

/**
 * Core's subprotocol on a 101 the helper returned without one: hono/deno (see helperOptions) and
 * hono/cloudflare-workers, which never sets it. The Node helpers and hono/bun answer it themselves
 * (theirs is not the response that goes out).
 */
export function withProtocol(response: Response, accepted: AcceptedUpgrade): Response {
  if (accepted.protocol && response.status === 101 && !response.headers.has('sec-websocket-protocol'))
    response.headers.set('Sec-WebSocket-Protocol', accepted.protocol)
  return response
}
