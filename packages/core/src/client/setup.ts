import { RESUME_QUERY_PARAM } from '../control-frames.js'
import { ReconnectingConnection } from './connection.js'
import { resolveWebSocket, type WebSocketConstructor } from './socket.js'
import { routeTarget } from './route-target.js'
import { RouteWatch } from './route-watch.js'
import type {
  BridgeClient,
  BridgeClientOptions,
  ClientManifest,
  ClientRoute,
  ConnectOptions,
  QueryInput,
  TypeOnlyOptions,
} from './types.js'
import { buildRouteUrl, resolveBaseUrl } from './url.js'

/** The type-only form's runtime route information (TypeOnlyOptions types it per routes). */
interface TypeOnlyExtras {
  readonly paths?: Record<string, string> | undefined
  readonly manifest?: ClientManifest | undefined
}

export interface SetupBridgeResult<R> {
  /** One connector per route: `$ws.chat(paramsAndQuery, { onOpen, onMessage, … })`. */
  readonly $ws: BridgeClient<R>
}

/**
 * The typed client. Pass the routes object (its `path`s are read at runtime), or only its type —
 * `setupBridge<typeof routes>({ baseUrl })` — so a browser bundle never includes server code.
 *
 * @example
 * const { $ws } = setupBridge<typeof routes>({ baseUrl: '/api' })
 * const conn = $ws.chat({ roomId: 'lobby' }, { onMessage: (m) => console.log(m) })
 * conn.send({ type: 'say', text: 'hi' })
 */
export function setupBridge<const R extends Record<keyof R, ClientRoute>>(routes: R, options: BridgeClientOptions): SetupBridgeResult<R>
export function setupBridge<R extends Record<keyof R, ClientRoute>>(options: TypeOnlyOptions<R>): SetupBridgeResult<R>
export function setupBridge(
  routesOrOptions: Record<string, ClientRoute> | (BridgeClientOptions & TypeOnlyExtras),
  maybeOptions?: BridgeClientOptions,
): SetupBridgeResult<Record<string, ClientRoute>> {
  const options = (maybeOptions ?? routesOrOptions) as BridgeClientOptions & TypeOnlyExtras
  const routes = maybeOptions ? (routesOrOptions as Record<string, { path?: unknown; format?: unknown }>) : undefined
  // Resolved on first connect, not here: a module that sets the client up can still be imported
  // where no socket will ever open (server-side rendering has neither WebSocket nor location).
  let resolved: { WebSocket: WebSocketConstructor; base: URL } | undefined
  const environment = () => (resolved ??= { WebSocket: resolveWebSocket(options.WebSocket), base: resolveBaseUrl(options.baseUrl) })

  function connect(name: string, args: QueryInput = {}, connectOptions: ConnectOptions<unknown> = {}): ReconnectingConnection {
    const target = routeTarget(name, routes, options.manifest, options.paths)
    const pattern = target.path
    const { WebSocket, base } = environment()
    const { WebSocket: _ws, baseUrl: _base, query: _query, paths: _paths, manifest: _manifest, ...clientDefaults } = options
    const url = (resume: string | undefined): string => {
      const shared = typeof options.query === 'function' ? options.query() : (options.query ?? {})
      return buildRouteUrl(base, pattern, args, resume === undefined ? shared : { ...shared, [RESUME_QUERY_PARAM]: resume })
    }
    return new ReconnectingConnection(WebSocket, url, { ...clientDefaults, ...connectOptions, route: new RouteWatch(target) })
  }

  // A Proxy serves both forms: with only a type there is no list of route names at runtime.
  const $ws = new Proxy(Object.create(null) as Record<string, unknown>, {
    get(cache, name) {
      if (typeof name !== 'string' || name === 'then') return undefined
      return (cache[name] ??= (args?: QueryInput, connectOptions?: ConnectOptions<unknown>) => connect(name, args, connectOptions))
    },
  })
  return { $ws: $ws as BridgeClient<Record<string, ClientRoute>> }
}
