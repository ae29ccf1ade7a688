import type { Context } from 'hono'
import { refusalHttp, refusalResponse, type RejectedUpgrade } from '@wsbridge/core/adapter'
import { answerUpgradeSocket, type UpgradeGuard, type UpgradeSocket } from '@wsbridge/adapter-node-ws/transport'

/** `c.env` of a request a Node helper built from the server's `'upgrade'` event. */
interface NodeUpgradeEnv {
  readonly incoming?: { readonly method?: string; readonly url?: string; readonly socket?: UpgradeSocket }
  readonly outgoing?: unknown
}

/**
 * The Node upgrade socket behind `c`, when @hono/node-server 2 or @hono/node-ws handed the request
 * over from the server's `'upgrade'` event: both set `outgoing` to undefined there (an ordinary
 * request has its ServerResponse), and `incoming` is node's IncomingMessage. Undefined elsewhere.
 */
export function nodeUpgradeSocket(c: Context): UpgradeSocket | undefined {
  const env = c.env as NodeUpgradeEnv | undefined
  if (typeof env !== 'object' || env === null || !('outgoing' in env) || env.outgoing !== undefined) return undefined
  return env.incoming?.socket
}

/** The request's method as the client sent it: both Node helpers rebuild an upgrade as a GET. */
export function requestMethod(c: Context): string {
  return (c.env as NodeUpgradeEnv | undefined)?.incoming?.method ?? c.req.method
}

/**
 * The request target as the client sent it where the runtime keeps it (Node's IncomingMessage: both
 * Node helpers parse it with WHATWG URL rules, which read a `\` as `/`), else the request's URL.
 */
export function requestTarget(c: Context): string {
  return (c.env as NodeUpgradeEnv | undefined)?.incoming?.url ?? c.req.url
}

/**
 * Answers a refused upgrade the same way on every runtime (core's upgrade-response.ts). On Node the
 * helpers would write only a status line (empty body, no Content-Type) from the Response, so the
 * refusal goes straight onto the upgrade socket, which is then closed; the helper finds it destroyed.
 */
export function refuse(c: Context, rejected: RejectedUpgrade, guard: UpgradeGuard): Response {
  const socket = nodeUpgradeSocket(c)
  if (socket) {
    guard.settle(socket)
    answerUpgradeSocket(socket, refusalHttp(rejected))
  }
  return refusalResponse(rejected)
}
