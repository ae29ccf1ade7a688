import type { Bridge, BridgeInstrumentation, Connection } from '@wsbridge/core'
import { toJsonSchemas } from '@wsbridge/cli/json-schema'
import { checkOutputs, findConnection, subscriberRoutes } from './commands.js'
import { combineInstrumentation } from './combine.js'
import { inspectorRoute, type InspectorRoute } from './inspector-route.js'
import type { LogEntry } from './log-entry.js'
import { pageHandlers, type NodeRequestLike, type NodeResponseLike } from './page-serving.js'
import { toSessionTest, type SessionTestOptions } from './session-test.js'
import { takeSnapshot, type InspectorSnapshot } from './snapshot.js'
import { Traffic } from './traffic.js'

/** Options of `createInspector`. */
export interface InspectorOptions {
  /** Admits peers that are not loopback when they present it (`?token=`). Without it, only loopback peers are served. */
  readonly token?: string
  /** Where the page is served (outside the bridge's prefix). Default `/__inspector`. */
  readonly path?: string
  /** Entries the message log keeps; older ones are dropped. Default 1000. */
  readonly logSize?: number
  /** How an exported session test imports the app's routes. */
  readonly exportTest?: SessionTestOptions
}

/** The route key the inspector's WebSocket route is added under. */
export const INSPECTOR_ROUTE = '__inspector'

/** A live inspector for one bridge (`createInspector`). */
export interface Inspector {
  /** Spread into the app's routes: `{ ...routes, ...inspector.routes }`. */
  readonly routes: {
    /** The page's WebSocket route: snapshots, the log and sends travel over it. */
    readonly __inspector: InspectorRoute
  }
  /** The bridge's `instrumentation`; `next` (e.g. `@wsbridge/otel`'s) keeps receiving every call. */
  instrument(next?: BridgeInstrumentation): BridgeInstrumentation
  /** Connects the inspector to the bridge it inspects; call once, after `createBridge`. */
  attach(bridge: Bridge): void
  /** Fetch-style hosts: the page's response for `request` from peer `ip`, or undefined when it is not the page's path. */
  fetch(request: Request, ip: string | undefined): Response | undefined
  /** Node's `http` servers: serves the page and returns true, or returns false when it is not the page's path. */
  handleNode(request: NodeRequestLike, response: NodeResponseLike): boolean
  /** What the page shows now (connections, topics, presence). */
  snapshot(): InspectorSnapshot
  /** The message log, oldest first. */
  log(): LogEntry[]
  /** Starts (`true`) or stops recording a session. */
  record(on: boolean): void
  /** The recorded session as a vitest file for `@wsbridge/core/testing`. */
  exportSession(): string
}

/**
 * Creates the live inspector: a WebSocket route the page talks to, the instrumentation that feeds
 * its message log, and the page itself. Development only: nothing is served unless the app adds
 * the route, passes `instrument()` and serves `fetch`/`handleNode`.
 * @example
 * const inspector = createInspector()
 * const bridge = createBridge({ ...routes, ...inspector.routes }, { instrumentation: inspector.instrument() })
 * inspector.attach(bridge)
 */
export function createInspector(options: InspectorOptions = {}): Inspector {
  const pagePath = options.path ?? '/__inspector'
  let bridge: Bridge | undefined
  const viewers = new Set<Connection>()
  const traffic = new Traffic(options.logSize ?? 1000, INSPECTOR_ROUTE, () => bridge?.connections ?? [])
  const need = (): Bridge => {
    if (bridge === undefined) throw new Error('[wsbridge/inspector] call inspector.attach(bridge) after createBridge')
    return bridge
  }
  const snapshot = (): InspectorSnapshot => takeSnapshot(need(), INSPECTOR_ROUTE)
  const exportSession = (): string => toSessionTest(traffic.session(), { prefix: need().prefix, ...options.exportTest })
  const reply = (viewer: Connection, ok: boolean, message: string): void => void viewer.send({ type: 'result', ok, message })

  // Push: log entries in small batches, the snapshot once a second when it changed.
  let pending: LogEntry[] = []
  let flushing = false
  let tick: ReturnType<typeof setInterval> | undefined
  let lastSnapshot = ''
  const broadcast = (message: unknown): void => {
    for (const viewer of viewers) viewer.send(message)
  }
  const pushSnapshot = (force: boolean): void => {
    const current = JSON.stringify({ type: 'snapshot', recording: traffic.recording, ...snapshot() })
    if (!force && current === lastSnapshot) return
    lastSnapshot = current
    for (const viewer of viewers) viewer.send(JSON.parse(current))
  }
  traffic.listen((entry) => {
    if (viewers.size === 0) return
    pending.push(entry)
    if (flushing) return
    flushing = true
    setTimeout(() => {
      flushing = false
      const entries = pending
      pending = []
      broadcast({ type: 'log', entries })
    }, 50)
  })

  const routes = {
    [INSPECTOR_ROUTE]: inspectorRoute(`/${INSPECTOR_ROUTE}`, options.token, {
      opened(viewer) {
        const b = need()
        viewers.add(viewer)
        viewer.send({ type: 'hello', prefix: b.prefix, routes: schemasOf(b), log: traffic.log.entries() })
        pushSnapshot(true)
        tick ??= setInterval(() => pushSnapshot(false), 1000)
      },
      closed(viewer) {
        viewers.delete(viewer)
        if (viewers.size === 0 && tick !== undefined) {
          clearInterval(tick)
          tick = undefined
        }
      },
      send(viewer, id, data) {
        const target = findConnection(need(), id, INSPECTOR_ROUTE)
        if (target === undefined) return reply(viewer, false, `No open connection ${id}`)
        void checkOutputs(need(), [target.route], data).then((refused) => {
          if (refused) return reply(viewer, false, refused.message)
          traffic.add({ kind: 'inject', connection: id, route: target.route, data: JSON.stringify(data) })
          const result = target.send(data)
          reply(viewer, result === 'sent', `Sent to ${id}: ${result}`)
        })
      },
      publish(viewer, topic, data) {
        const b = need()
        void checkOutputs(b, subscriberRoutes(b, topic, INSPECTOR_ROUTE), data).then((refused) => {
          if (refused) return reply(viewer, false, refused.message)
          traffic.add({ kind: 'inject', topics: [topic], data: JSON.stringify(data) })
          reply(viewer, true, `Published to ${topic}: ${b.publish(topic, data)} local deliveries`)
        })
      },
      record(_viewer, on) {
        traffic.setRecording(on)
        pushSnapshot(true)
      },
      exportSession(viewer) {
        viewer.send({ type: 'exported', entries: traffic.session().length, code: exportSession() })
      },
    }),
  } as { readonly __inspector: InspectorRoute }

  const served = pageHandlers(pagePath, `/${INSPECTOR_ROUTE}`, options.token, () => bridge?.prefix)
  return {
    routes,
    instrument: (next) => combineInstrumentation(traffic.instrumentation(), next),
    attach(target) {
      if (bridge !== undefined && bridge !== target) throw new Error('[wsbridge/inspector] already attached to another bridge')
      bridge = target
    },
    fetch: served.fetch,
    handleNode: served.handleNode,
    snapshot,
    log: () => traffic.log.entries(),
    record: (on) => traffic.setRecording(on),
    exportSession,
  }
}

/** The app's routes as JSON Schema (the same conversion as `wsbridge schema`), the inspector's own left out. */
function schemasOf(bridge: Bridge): unknown {
  const { [INSPECTOR_ROUTE]: _own, ...routes } = bridge.routes
  return toJsonSchemas(routes)
}
