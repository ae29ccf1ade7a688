import type { Bridge, RejectedUpgrade } from './bridge-types.js'
import { WsError } from './errors.js'
import { isUnderPrefix } from './router.js'
import type { UpgradeRequest } from './upgrade.js'

/**
 * Request targets RFC 3986 (and RFC 9112's request line) do not allow: a byte outside visible ASCII
 * (control characters, DEL, non-ASCII), a `\`, or a `%` not followed by two hex digits. Runtimes
 * disagree about these: Node's HTTP parser answers control characters and non-ASCII bytes with a
 * bare 400 before any listener; @hono/node-server answers a `\` in the path with a bare 400 of its
 * own; ws, @hono/node-ws and Bun read a `\` as `/` (WHATWG URL parsing); everyone routes a broken
 * escape as written. Characters RFC 3986 forbids but browsers send unescaped (`|`, `^`, `{`, `"`)
 * are let through: browsers would be refused for URLs users typed.
 * @see https://www.rfc-editor.org/rfc/rfc3986#section-3.3
 */
const INVALID_TARGET = /[^\x21-\x5b\x5d-\x7e]|%(?![0-9A-Fa-f]{2})/

/** INVALID_HANDSHAKE ("Invalid request target") when `target` (path and query as sent) is not valid URI syntax, else undefined. */
export function requestTargetError(target: string): WsError | undefined {
  return INVALID_TARGET.test(target) ? new WsError('INVALID_HANDSHAKE', 'Invalid request target') : undefined
}

/**
 * Refuses an upgrade whose raw `target` is invalid (requestTargetError) when its URL is under the
 * bridge's prefix: reported like every refusal, and the 400 to answer returned. Undefined for a
 * valid target, or one outside the prefix (not this bridge's). Adapters call it before matching a
 * route, with the target as the client sent it where the runtime gives it (Node's `request.url`),
 * so the answer is 400 whether a route matches or not, and the same on every Node host.
 */
export function refuseRequestTarget(
  bridge: Pick<Bridge, 'prefix' | 'match' | 'refuse'>,
  request: UpgradeRequest,
  target: string,
): RejectedUpgrade | undefined {
  const error = requestTargetError(target)
  if (!error || !isUnderPrefix(bridge.prefix, request.url)) return undefined
  return bridge.refuse(request, error, bridge.match(request.url))
}
