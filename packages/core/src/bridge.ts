import { CloseCode, closeSafely, isValidCloseCode, trimCloseReason } from './close-codes.js'
import { encodeMessage } from './codec.js'
import type { AcceptedUpgrade, Bridge, BridgeOptions, CloseOptions, RejectedUpgrade, UpgradeDecision } from './bridge-types.js'
import type { Connection } from './connection-types.js'
import { ConnectionImpl, connectionInternals, type ConnectionHost, type ConnectionSite } from './connection.js'
import { socketEvents } from './connection-events.js'
import { drop as dropConnection, hubMembers, opened as connectionOpened, sweep as sweepConnection } from './connection-policy.js'
import { WsError } from './errors.js'
import { describeRefusal, hookBlame, type RefusalDetails, type WsRefusal } from './refusal.js'
import { createReporter } from './reporter.js'
import { connectionHeaders, normalizeHeaders, parseProtocols } from './headers.js'
import { resolveLimits } from './limits.js'
import { PubSubHub } from './pubsub/hub.js'
import { ResumeStore } from './resume.js'
import { routeTopic } from './pubsub/topics.js'
import { readonlySetView } from './pubsub/readonly-set.js'
import { OpenConnections } from './open-connections.js'
import type { Routes } from './route.js'
import { admissionRefusal } from './security/admission.js'
import { thrownAuthOutcome, toAuthOutcome, type AuthOutcome } from './security/auth-outcome.js'
import { noAuth, type WsAuthHook } from './security/auth-helpers.js'
import { ConnectionCounter } from './security/connection-limits.js'
import { guardPolicy } from './security/guard.js'
import { Sweeper, sweepPeriod } from './security/liveness.js'
import { normalizeCompression } from './security/options.js'
import { PendingSet } from './security/pending-set.js'
import { serverWideLimit, withDeadline } from './security/handshake-limits.js'
import { createRouter, normalizePrefix, type RouteMatch } from './router.js'
import type { ConnectionEvents, Transport } from './transport.js'
import type { Limits } from './limits.js'
import type { UpgradeContext, UpgradeRequest } from './upgrade.js'

export type { AcceptedUpgrade, Bridge, BridgeOptions, CloseOptions, RejectedUpgrade, UpgradeDecision } from './bridge-types.js'

const isProduction = (): boolean => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['NODE_ENV'] === 'production'

/** Events of a socket core refused at open (auth close mode, connection cap): nothing to do. */
const IGNORED_EVENTS: ConnectionEvents = { message() {}, closed() {}, drain() {}, pong() {}, error() {} }

/** Creates the runtime-independent engine that every adapter drives. */
export function createBridge<const R extends Routes>(routes: R, options: BridgeOptions = {}): Bridge<R> {
  const prefix = normalizePrefix(options.prefix)
  const router = createRouter(routes, prefix)
  const { prefix: _prefix, limits: bridgeLimits, onError: _onError, onRefused: _onRefused, logger: _logger, logLimit: _logLimit, validateOutput, pubsub: _pubsub, ...topLevelLimits } = options
  const baseLimits = resolveLimits(topLevelLimits, bridgeLimits)
  // Errors and refusals: the hooks, then the bounded log (reporter.ts).
  const reporter = createReporter(routes, options)
  const reportError = reporter.error
  const outputChecks = validateOutput ?? !isProduction()
  // Driver and native pub/sub failures reach the error hook as PUBSUB_ERROR; they never throw into handlers.
  const hub = new PubSubHub<ConnectionImpl>(options.pubsub, (error) =>
    reportError(error instanceof WsError ? error : new WsError('PUBSUB_ERROR', undefined, { cause: error, expose: false }), undefined),
    hubMembers,
  )
  const connections = new OpenConnections(
    hub,
    Object.keys(routes).map((name) => [name, routeTopic(name)] as const),
  )
  // Only bridges with a `resume` route stamp topic messages (resume.ts).
  const resume = Object.values(routes).some((route) => route.resume) ? new ResumeStore<ConnectionImpl>((topic) => hub.subscriberCount(topic) > 0, (member, frame) => connectionInternals.sendFrame(member, frame)) : undefined
  if (resume) hub.stamp = (topics, frame) => resume.stamp(topics, frame)
  let closing = false
  let allClosed: (() => void) | undefined

  const maxPayloadLength = Math.max(baseLimits.maxPayloadLength, ...Object.values(routes).map((r) => r.limits?.maxPayloadLength ?? 0))
  const routeLimits = Object.values(routes).map((r) => r.limits)
  const compressions = [baseLimits.compression, ...routeLimits.map((l) => l?.compression)].map(normalizeCompression)
  const compression = compressions.find((c) => c.enabled) ?? compressions[0]!
  // ws takes one value per server; the Node upgrade guard one deadline for sockets no route has claimed yet.
  const maxFragments = serverWideLimit(baseLimits, routeLimits, 'maxFragments')
  const handshakeTimeout = serverWideLimit(baseLimits, routeLimits, 'handshakeTimeout')
  const counter = new ConnectionCounter(baseLimits)
  // One timer for every connection's heartbeat, idle and close deadlines (security/liveness.ts).
  const sweeper = new Sweeper(sweepPeriod(baseLimits, routeLimits), (at) => {
    hub.sweep()
    for (const connection of connections) sweepConnection(connection, at)
  })
  const unfinished = new PendingSet<ConnectionImpl>()

  const host: ConnectionHost = {
    reportError,
    subscribe(connection, topic) {
      hub.subscribe(connection, topic)
      const resumeOptions = routes[connection.route]?.resume
      if (resume && resumeOptions) resume.subscribed(connection, topic, resumeOptions)
    },
    unsubscribe: (connection, topic) => hub.unsubscribe(connection, topic),
    publish: (topic, frame, exclude) => hub.publish([topic], frame, exclude),
    publishTopics: (topics, frame, exclude) => hub.publish(topics, frame, exclude),
    nativeQueued: (bytes) => hub.nativeQueued(bytes),
    released(connection) {
      hub.unsubscribe(connection, connectionInternals.site(connection).topic)
      // Open connections are awaited through `connections`; from here until onClose has run, through `unfinished`.
      unfinished.add(connection)
      connections.released()
      counter.remove(connection.route, connection.ip, routes[connection.route]?.limits)
      reporter.released(connection)
      if (connections.size === 0) sweeper.sleep()
      if (connections.size === 0) allClosed?.()
    },
    finished: (connection) => unfinished.delete(connection),
  }

  // What connections of a route share (connection-host.ts), built on first use. A route with its
  // own limits resolves them once too, so its connections share one Limits object.
  const sites: Map<string, ConnectionSite> = new Map()
  const resolvedLimits: Map<string, Limits> = new Map()

  function limitsFor(name: string, route: Routes[string]): Limits {
    if (!route.limits) return baseLimits
    let limits = resolvedLimits.get(name)
    if (!limits) resolvedLimits.set(name, (limits = resolveLimits(baseLimits, route.limits)))
    return limits
  }

  function siteFor(accepted: AcceptedUpgrade): ConnectionSite {
    const name = accepted.match.name
    const site = sites.get(name)
    if (site && site.limits === accepted.limits && site.route === accepted.match.route) return site
    const route = accepted.match.route
    const created: ConnectionSite = {
      name,
      topic: routeTopic(name),
      route,
      limits: accepted.limits,
      validateOutput: (route.validateOutput ?? outputChecks) && route.output !== undefined,
      policy: guardPolicy(accepted.limits),
      host,
    }
    // Only the usual site is kept: an upgrade accepted with other limits gets a site of its own.
    if (!site) sites.set(name, created)
    return created
  }

  /** Refuses `request` with `error`: reported once (onRefused, the log), then answered by the adapter. */
  function reject(request: UpgradeRequest | UpgradeContext, error: WsError, details: RefusalDetails = {}, blame = hookBlame(error)): RejectedUpgrade {
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
  function authFailed(outcome: AuthOutcome & { ok: false }, upgrade: UpgradeContext, match: RouteMatch, limits: Limits, protocol: string | undefined): UpgradeDecision {
    if (match.route.authFailure !== 'close') return reject(upgrade, outcome.error, { route: match.name })
    // Refused all the same, by a close right after the upgrade (in `open`): reported here, once.
    reportRefusal(upgrade, describeRefusal(upgrade, outcome.error, hookBlame(outcome.error), { route: match.name, closeCode: outcome.closeCode, message: outcome.reason }))
    const { headers, ip } = upgrade
    return { ok: true, match, headers, ip, user: undefined, context: {}, limits, protocol, refusal: { code: outcome.closeCode, reason: outcome.reason } }
  }

  // Synchronous unless a hook runs: an adapter can then upgrade in the same call (Bun's `fetch`
  // answers a returned promise on a slower path, docs/benchmarks.md finding 14).
  function authorize(request: UpgradeRequest, match: RouteMatch): UpgradeDecision | Promise<UpgradeDecision> {
    if (closing) return reject(request, new WsError('TOO_MANY_CONNECTIONS', 'Server is shutting down'), { route: match.name })
    const route = match.route
    const ip = request.ip ?? ''
    const hooked = (route.auth !== undefined && route.auth !== noAuth) || route.context !== undefined
    // Hooks see every request header. Without hooks nothing reads the handshake mechanics, so only
    // the connection's copy is built, and no upgrade context: less garbage per handshake.
    const all = hooked ? normalizeHeaders(request.headers) : undefined
    const headers = all ? connectionHeaders(all) : normalizeHeaders(request.headers, true)
    const protocols = parseProtocols(headers['sec-websocket-protocol'])
    const limits = limitsFor(match.name, route)
    const refused = admissionRefusal(headers, ip, match.name, route.limits, limits, counter)
    if (refused) return reject(request, refused, { route: match.name })
    const protocol = (route.auth as WsAuthHook<unknown> | undefined)?.selectProtocol?.(protocols) ?? protocols[0]
    const accepted: AcceptedUpgrade = { ok: true, match, headers, ip, user: undefined, context: {}, limits, protocol }
    if (!all) return accepted
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
    try {
      if (route.auth && route.auth !== noAuth) {
        const outcome = toAuthOutcome(await route.auth(upgrade))
        if (!outcome.ok) return authFailed(outcome, upgrade, match, limits, protocol)
        user = outcome.user
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
    return { ...accepted, user, context }
  }

  function notFound(request: UpgradeRequest): RejectedUpgrade | undefined {
    return router.owns(request.url) ? reject(request, new WsError('ROUTE_NOT_FOUND'), {}, 'client') : undefined
  }

  function refuse(request: UpgradeRequest, error: WsError, match?: RouteMatch): RejectedUpgrade {
    // Blamed as its code says: a malformed handshake is the client's, an adapter's own failure (INTERNAL) the server's.
    return reject(request, error, { route: match?.name }, error.blame)
  }

  function open(accepted: AcceptedUpgrade, transport: Transport): ConnectionEvents {
    // Auth close mode, or a connection cap reached by upgrades racing through authorize: no handler runs.
    const refusal = accepted.refusal ?? (counter.refusal(accepted.match.name, accepted.ip, accepted.match.route.limits) && { code: CloseCode.TRY_AGAIN_LATER, reason: 'Too many connections' })
    if (refusal) {
      // An auth close was reported when authorize decided it; a cap reached meanwhile is new here.
      if (!accepted.refusal) reporter.refused(describeRefusal({ url: accepted.match.url, headers: accepted.headers, ip: accepted.ip }, new WsError('TOO_MANY_CONNECTIONS'), 'client', { route: accepted.match.name, closeCode: refusal.code }))
      closeSafely(transport, refusal.code, refusal.reason)
      return IGNORED_EVENTS
    }
    counter.add(accepted.match.name, accepted.ip, accepted.match.route.limits)
    const site = siteFor(accepted)
    const connection = new ConnectionImpl(accepted, site, transport)
    // Every connection is in its route's topic: broadcast without rooms reaches the whole route,
    // and `connections` reads the open connections from there (open-connections.ts).
    // Natively only once something is broadcast to the route (memory per connection on Bun).
    hub.subscribe(connection, site.topic, true)
    connections.opened()
    sweeper.wake()
    connectionOpened(connection)
    if (closing) connection.close(CloseCode.GOING_AWAY, 'Server is shutting down')
    // The adapter's handle on the socket's events, apart from the connection handlers receive.
    return socketEvents(connection, transport)
  }

  async function close(closeOptions: CloseOptions = {}): Promise<void> {
    closing = true
    if (connections.size === 0) {
      await unfinished.empty(closeOptions.timeout ?? baseLimits.closeTimeout)
      return hub.close()
    }
    const done = new Promise<void>((resolve) => (allClosed = resolve))
    const code = closeOptions.code ?? CloseCode.GOING_AWAY
    // Checked once up front: a bad code throws before any socket is closed; a long reason is trimmed.
    if (!isValidCloseCode(code)) throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] ${code} is not a valid close code (RFC 6455 §7.4)`)
    const reason = trimCloseReason(closeOptions.reason ?? 'Server is shutting down')
    for (const connection of connections) connection.close(code, reason)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, closeOptions.timeout ?? baseLimits.closeTimeout)))
    await Promise.race([done, timedOut])
    clearTimeout(timer)
    // Stragglers that never completed the closing handshake are dropped; onClose still runs for them.
    for (const connection of connections) dropConnection(connection, 'Terminated at shutdown')
    // Resolve only once every onClose has run (bounded by the same timeout: a hung handler cannot hold shutdown).
    await unfinished.empty(closeOptions.timeout ?? baseLimits.closeTimeout)
    await hub.close()
  }

  return {
    routes,
    prefix,
    maxPayloadLength,
    maxFragments,
    handshakeTimeout,
    compression,
    match: router.match,
    authorize,
    notFound,
    refuse,
    open,
    publish: (topic, data) => hub.publish([topic], encodeMessage(data), undefined),
    subscriberCount: (topic) => hub.subscriberCount(topic),
    presence: (topic) => hub.presence(topic),
    clusterPresence: (topic) => hub.clusterPresence(topic),
    onPresence: (listener) => hub.onPresence(listener),
    connections: readonlySetView<Connection>(connections),
    get topicCount() {
      return hub.topicCount
    },
    get closing() {
      return closing
    },
    close,
  }
}

/** Adapters accept either a bridge or plain routes; this gives them a bridge either way. */
export function toBridge<R extends Routes>(routesOrBridge: R | Bridge<R>, options?: BridgeOptions): Bridge<R> {
  if (isBridge(routesOrBridge)) return routesOrBridge
  return createBridge(routesOrBridge, options)
}

export function isBridge(value: unknown): value is Bridge {
  return typeof value === 'object' && value !== null && typeof (value as Bridge).authorize === 'function' && typeof (value as Bridge).open === 'function'
}
