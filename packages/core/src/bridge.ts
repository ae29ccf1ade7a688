import { CloseCode, closeSafely } from './close-codes.js'
import { encodeFor } from './text-frames.js'
import type { AcceptedUpgrade, Bridge, BridgeOptions } from './bridge-types.js'
import { resolveBridgeLimits } from './bridge-limits.js'
import { Shutdown } from './bridge-shutdown.js'
import type { Connection } from './connection-types.js'
import type { ConnectionSnapshot } from './connection-snapshot.js'
import { ConnectionImpl, connectionInternals } from './connection.js'
import { ClusterControl } from './cluster-control.js'
import type { ConnectionHost } from './connection-host.js'
import { socketEvents } from './connection-events.js'
import { hubMembers, opened as connectionOpened, sweep as sweepConnection } from './connection-policy.js'
import { WsError } from './errors.js'
import { IGNORED_EVENTS, refusedAtOpen } from './open-refusal.js'
import { createReporter } from './reporter.js'
import { PubSubHub } from './pubsub/hub.js'
import { attachReplay } from './history/attach.js'
import { routeTopic } from './pubsub/topics.js'
import { readonlySetView } from './pubsub/readonly-set.js'
import { OpenConnections } from './open-connections.js'
import { createRouteSites } from './route-sites.js'
import type { Routes } from './route.js'
import { ConnectionCounter } from './security/connection-limits.js'
import { connectionGuard } from './security/guard.js'
import { Sweeper, sweepPeriod } from './security/liveness.js'
import { TokenLifetimes } from './security/token-lifetimes.js'
import { PendingSet } from './security/pending-set.js'
import { createRouter, normalizePrefix } from './router.js'
import { registerSweeps } from './sweep-control.js'
import type { ConnectionEvents, Transport } from './transport.js'
import { createUpgradeDecisions } from './upgrade-decisions.js'

export type { AcceptedUpgrade, Bridge, BridgeOptions, CloseOptions, RejectedUpgrade, UpgradeDecision } from './bridge-types.js'

/**
 * Creates the runtime-independent engine that every adapter drives. This wires the parts together:
 * limits (bridge-limits.ts), upgrade decisions (upgrade-decisions.ts), per-route sites
 * (route-sites.ts), pub/sub, and shutdown (bridge-shutdown.ts); `open` admits a socket.
 */
export function createBridge<const R extends Routes>(routes: R, options: BridgeOptions = {}): Bridge<R> {
  const prefix = normalizePrefix(options.prefix)
  const router = createRouter(routes, prefix)
  const {
    base: baseLimits,
    routeLimits,
    maxPayloadLength,
    compression,
    maxFragments,
    handshakeTimeout,
  } = resolveBridgeLimits(routes, options)
  // Errors and refusals: the hooks, then the bounded log (reporter.ts).
  const reporter = createReporter(routes, options)
  const reportError = reporter.error
  // Driver and native pub/sub failures reach the error hook as PUBSUB_ERROR; they never throw into handlers.
  const pubsubError = (error: unknown): void =>
    reportError(error instanceof WsError ? error : new WsError('PUBSUB_ERROR', undefined, { cause: error, expose: false }), undefined)
  // Cluster-wide user control rides the driver's control channel (cluster-control.ts).
  const control = new ClusterControl(options.pubsub, options.userKey, (error) => reportError(error, undefined))
  const tokens = new TokenLifetimes(control.users)
  const hub = new PubSubHub<ConnectionImpl>(control.driver, pubsubError, hubMembers)
  hub.observer = reporter.instrumentation
  const connections = new OpenConnections(
    hub,
    Object.keys(routes).map((name) => [name, routeTopic(name)] as const),
  )
  const replay = attachReplay(hub, routes, options.durable, pubsubError)

  const counter = new ConnectionCounter(baseLimits)
  // One timer for every connection's heartbeat, idle and close deadlines (security/liveness.ts).
  const sweeper = new Sweeper(sweepPeriod(baseLimits, routeLimits), (at) => {
    hub.sweep()
    for (const connection of connections) sweepConnection(connection, at)
  })
  const unfinished = new PendingSet<ConnectionImpl>()
  const closeDrivers = async (): Promise<void> => {
    await replay.close()
    await hub.close()
    await options.requestDedupe?.close?.()
  }
  const shutdown = new Shutdown(connections, unfinished, closeDrivers, baseLimits.closeTimeout, options.retryWithin)

  const host: ConnectionHost<ConnectionImpl> = {
    reportError,
    subscribe(connection, topic) {
      hub.subscribe(connection, topic)
      replay.subscribed(connection, topic)
    },
    unsubscribe: (connection, topic) => hub.unsubscribe(connection, topic),
    publish: (topic, frame, exclude) => hub.publish([topic], frame, exclude),
    publishTopics: (topics, frame, exclude) => hub.publish(topics, frame, exclude),
    nativeQueued: (bytes) => hub.nativeQueued(bytes),
    closing: (connection) => hub.closing(connection),
    released(connection) {
      hub.unsubscribe(connection, connectionInternals.site(connection).topic)
      hub.released(connection)
      control.users.remove(connection)
      tokens.released(connection)
      // Open connections are awaited through `connections`; from here until onClose has run, through `unfinished`.
      unfinished.add(connection)
      connections.released()
      counter.remove(connection.route, connection.ip, routes[connection.route]?.limits)
      reporter.released(connection)
      if (connections.size === 0) sweeper.sleep()
      if (connections.size === 0) shutdown.drained()
    },
    finished: (connection) => unfinished.delete(connection),
    refreshAuth: (connection, text) => tokens.refresh(connection, text),
    instrumentation: reporter.instrumentation,
    requestDedupe: options.requestDedupe,
  }

  const { limitsFor, siteFor } = createRouteSites(baseLimits, host, options.validateOutput)
  const { authorize, notFound, refuse } = createUpgradeDecisions({ owns: router.owns, reporter, counter, limitsFor, shutdown })

  function open(accepted: AcceptedUpgrade, transport: Transport): ConnectionEvents {
    if (refusedAtOpen(accepted, transport, counter, reporter)) return IGNORED_EVENTS
    const connection = admit(accepted, transport)
    tokens.opened(connection, accepted.expiresAt)
    connectionOpened(connection)
    if (shutdown.closing) shutdown.dismiss(connection)
    // The adapter's handle on the socket's events, apart from the connection handlers receive.
    return socketEvents(connection, transport)
  }

  // Counted under the caps already (refusedAtOpen, restore).
  function admit(accepted: AcceptedUpgrade & { readonly id?: string }, transport: Transport): ConnectionImpl {
    const site = siteFor(accepted)
    const connection = new ConnectionImpl(accepted, site, transport)
    // Every connection is in its route's topic: broadcast without rooms reaches the whole route,
    // and `connections` reads the open connections from there (open-connections.ts).
    // Natively only once something is broadcast to the route (memory per connection on Bun).
    hub.subscribe(connection, site.topic, true)
    control.users.add(connection)
    connections.opened()
    sweeper.wake()
    reporter.instrumentation?.opened?.(connection) // restored ones too: an open-connections gauge balances
    return connection
  }

  // A socket that outlived the instance that opened it (hibernation): no upgrade checks, no onOpen.
  function restore(snapshot: ConnectionSnapshot, transport: Transport): ConnectionEvents {
    const match = router.match(snapshot.url)
    if (match?.name !== snapshot.route) {
      closeSafely(transport, CloseCode.GOING_AWAY, 'Route no longer served')
      return IGNORED_EVENTS
    }
    const limits = limitsFor(match.name, match.route)
    const { id, ip, user, context } = snapshot
    counter.add(match.name, ip, match.route.limits)
    const connection = admit({ ok: true, match, headers: {}, ip, user, context, limits, protocol: undefined, id }, transport)
    // Idle deadlines count from the client's last frame, not from the instance that took the socket back.
    if (snapshot.silentFor !== undefined) connectionGuard.restored(connection, snapshot.silentFor)
    for (const topic of snapshot.topics) connection.subscribe(topic)
    return socketEvents(connection, transport)
  }

  const bridge: Bridge<R> = {
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
    restore,
    publish: (topic, data, publishOptions) => hub.publish([topic], encodeFor(publishOptions?.format, data), undefined),
    sendToUser: (user, data, sendOptions) => control.sendToUser(user, data, sendOptions),
    disconnectUser: (user, disconnectOptions) => control.disconnectUser(user, disconnectOptions),
    subscriberCount: (topic) => hub.subscriberCount(topic),
    presence: (topic) => hub.presence(topic),
    clusterPresence: (topic) => hub.clusterPresence(topic),
    onPresence: (listener) => hub.onPresence(listener),
    connections: readonlySetView<Connection>(connections),
    get topicCount() {
      return hub.topicCount
    },
    get closing() {
      return shutdown.closing
    },
    close: (closeOptions) => shutdown.close(closeOptions),
  }
  registerSweeps(bridge, sweeper, connections)
  return bridge
}
