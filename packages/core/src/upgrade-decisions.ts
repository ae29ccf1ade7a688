import type { AcceptedUpgrade, Bridge, RejectedUpgrade, UpgradeDecision } from './bridge-types.js'
import { WsError } from './errors.js'
import { connectionHeaders, normalizeHeaders, parseProtocols } from './headers.js'
import type { Limits } from './limits.js'
import { describeRefusal, hookBlame, type RefusalDetails, type WsRefusal } from './refusal.js'
import type { Reporter } from './reporter.js'
import type { RouteSites } from './route-sites.js'
import type { RouteMatch } from './router.js'
import { thrownAuthOutcome, toAuthOutcome, type AuthOutcome } from './security/auth-outcome.js'
import { noAuth, type WsAuthHook } from './security/auth-helpers.js'
import type { ConnectionCounter } from './security/connection-limits.js'
import { withDeadline } from './security/handshake-limits.js'
import { isOriginAllowed } from './security/origin.js'
import type { UpgradeContext, UpgradeRequest } from './upgrade.js'

/** What deciding upgrades needs from the bridge. */
export interface UpgradeDecisionDeps {
  /** Whether a URL no route matched is under the bridge's prefix (router.ts). */
  readonly owns: (url: string) => boolean
  readonly reporter: Pick<Reporter, 'refused'>
  readonly counter: ConnectionCounter
  readonly limitsFor: RouteSites<unknown>['limitsFor']
  readonly shutdown: { readonly closing: boolean }
}

/** Every answer a bridge gives an upgrade request, each refusal reported once (onRefused, the log). */
export type UpgradeDecisions = Pick<Bridge, 'authorize' | 'notFound' | 'refuse'>

export function createUpgradeDecisions({ owns, reporter, counter, limitsFor, shutdown }: UpgradeDecisionDeps): UpgradeDecisions {
  /** Refuses `request` with `error`: reported once (onRefused, the log), then answered by the adapter. */
  function reject(
    request: UpgradeRequest | UpgradeContext,
    error: WsError,
    details: RefusalDetails = {},
    blame = hookBlame(error),
  ): RejectedUpgrade {
    const refusal = describeRefusal(request, error, blame, details)
    reportRefusal(request, refusal)
    return { ok: false, status: error.status, message: refusal.message, error }
  }

  // Upgrades already refused for their handshakeTimeout: what their hooks decide later is dropped
  // unreported, so each refusal reaches onRefused once. A WeakSet: nothing per handshake otherwise.
  const timedOut: WeakSet<object> = new WeakSet()

  function reportRefusal(request: object, refusal: WsRefusal): void {
    if (!timedOut.has(request)) reporter.refused(refusal)
  }

  // A function, not a closure per authorize call (garbage per handshake keeps memory up after GC).
  function authFailed(
    outcome: AuthOutcome & { ok: false },
    upgrade: UpgradeContext,
    match: RouteMatch,
    limits: Limits,
    protocol: string | undefined,
  ): UpgradeDecision {
    if (match.route.authFailure !== 'close') return reject(upgrade, outcome.error, { route: match.name })
    // Refused all the same, by a close right after the upgrade (in `open`): reported here, once.
    reportRefusal(
      upgrade,
      describeRefusal(upgrade, outcome.error, hookBlame(outcome.error), {
        route: match.name,
        closeCode: outcome.closeCode,
        message: outcome.reason,
      }),
    )
    const { headers, ip } = upgrade
    return {
      ok: true,
      match,
      headers,
      ip,
      user: undefined,
      context: {},
      limits,
      protocol,
      refusal: { code: outcome.closeCode, reason: outcome.reason },
    }
  }

  // Synchronous unless a hook runs: an adapter can then upgrade in the same call (Bun's `fetch`
  // answers a returned promise on a slower path, docs/benchmarks.md finding 14).
  function authorize(request: UpgradeRequest, match: RouteMatch): UpgradeDecision | Promise<UpgradeDecision> {
    if (shutdown.closing) return reject(request, new WsError('TOO_MANY_CONNECTIONS', 'Server is shutting down'), { route: match.name })
    const route = match.route
    const ip = request.ip ?? ''
    const hooked = (route.auth !== undefined && route.auth !== noAuth) || route.context !== undefined
    // Hooks see every request header. Without hooks nothing reads the handshake mechanics, so only
    // the connection's copy is built, and no upgrade context: less garbage per handshake.
    const all = hooked ? normalizeHeaders(request.headers) : undefined
    const headers = all ? connectionHeaders(all) : normalizeHeaders(request.headers, true)
    const protocols = parseProtocols(headers['sec-websocket-protocol'])
    const limits = limitsFor(match.name, route)
    if (!isOriginAllowed(headers, limits.allowedOrigins)) return reject(request, new WsError('ORIGIN_NOT_ALLOWED'), { route: match.name })
    const protocol = (route.auth as WsAuthHook<unknown> | undefined)?.selectProtocol?.(protocols) ?? protocols[0]
    const accepted: AcceptedUpgrade = { ok: true, match, headers, ip, user: undefined, context: {}, limits, protocol }
    if (!all) return placed(request, accepted)
    // Checked before the hooks too: a flood past a cap runs no auth.
    const full = counter.refusal(match.name, ip, route.limits)
    if (full) return reject(request, full, { route: match.name })
    const upgrade: UpgradeContext = { url: match.url, headers: all, ip, params: match.params, query: match.query, protocols }
    // A hook still running after handshakeTimeout (a backend that hangs) is answered 503; what it returns later is dropped.
    return withDeadline(runHooks(upgrade, accepted), limits.handshakeTimeout, () => {
      const answer = reject(upgrade, new WsError('HANDSHAKE_TIMEOUT'), { route: match.name }, 'server')
      timedOut.add(upgrade)
      return answer
    })
  }

  /** The route's auth and context hooks; `accepted` is the decision without them, completed here. */
  async function runHooks(upgrade: UpgradeContext, accepted: AcceptedUpgrade): Promise<UpgradeDecision> {
    const { match, limits, protocol } = accepted
    const route = match.route
    let user: unknown
    let context: unknown
    let expiresAt: number | undefined
    try {
      if (route.auth && route.auth !== noAuth) {
        const outcome = toAuthOutcome(await route.auth(upgrade))
        if (!outcome.ok) return authFailed(outcome, upgrade, match, limits, protocol)
        user = outcome.user
        expiresAt = outcome.expiresAt
      }
      context = route.context ? await route.context({ ...upgrade, user }) : {}
    } catch (thrown) {
      const error = WsError.from(thrown)
      const outcome = thrownAuthOutcome(error)
      if (outcome && !outcome.ok) return authFailed(outcome, upgrade, match, limits, protocol)
      // A hook's own failure: the client is told only "Internal error"; onRefused, onError and the
      // log get what was thrown.
      return reject(upgrade, error, { route: match.name })
    }
    // Dropped once the deadline has answered: it must not hold a place it will never open.
    const decided: AcceptedUpgrade = { ...accepted, user, context, expiresAt }
    return timedOut.has(upgrade) ? decided : placed(upgrade, decided)
  }

  /** `accepted`, holding its place under the connection caps until it opens; a 503 when there is none. */
  function placed(request: UpgradeRequest | UpgradeContext, accepted: AcceptedUpgrade): UpgradeDecision {
    const full = counter.hold(accepted)
    return full ? reject(request, full, { route: accepted.match.name }) : accepted
  }

  function notFound(request: UpgradeRequest): RejectedUpgrade | undefined {
    return owns(request.url) ? reject(request, new WsError('ROUTE_NOT_FOUND'), {}, 'client') : undefined
  }

  function refuse(request: UpgradeRequest, error: WsError, match?: RouteMatch): RejectedUpgrade {
    // Blamed as its code says: a malformed handshake is the client's, an adapter's own failure (INTERNAL) the server's.
    return reject(request, error, { route: match?.name }, error.blame)
  }

  return { authorize, notFound, refuse }
}
