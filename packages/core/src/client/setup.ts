import { RESUME_QUERY_PARAM } from '../control-frames.js'
import { ReconnectingConnection } from './connection.js'
import { resolveWebSocket, type WebSocketConstructor } from './socket.js'
import type { BridgeClient, BridgeClientOptions, ClientRoute, ConnectOptions, QueryInput, TypeOnlyOptions } from './types.js'
import { buildRouteUrl, resolveBaseUrl } from './url.js'

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
  routesOrOptions: Record<string, ClientRoute> | (BridgeClientOptions & { paths?: Record<string, string> }),
  maybeOptions?: BridgeClientOptions,
): SetupBridgeResult<Record<string, ClientRoute>> {
  const options = (maybeOptions ?? routesOrOptions) as BridgeClientOptions & { paths?: Record<string, string> }
  const routes = maybeOptions ? (routesOrOptions as Record<string, { path?: unknown }>) : undefined
  // Resolved on first connect, not here: a module that sets the client up can still be imported
  // where no socket will ever open (server-side rendering has neither WebSocket nor location).
  let resolved: { WebSocket: WebSocketConstructor; base: URL } | undefined
  const environment = () => (resolved ??= { WebSocket: resolveWebSocket(options.WebSocket), base: resolveBaseUrl(options.baseUrl) })

  function pathOf(name: string): string {
    if (routes) {
      if (!Object.hasOwn(routes, name)) throw new TypeError(`[wsbridge] no route named ${JSON.stringify(name)}`)
      const path = routes[name]?.path
      return typeof path === 'string' ? path : `/${name}`
    }
    const path = options.paths && Object.hasOwn(options.paths, name) ? options.paths[name] : undefined
    return path ?? `/${name}`
  }

  function connect(name: string, args: QueryInput = {}, connectOptions: ConnectOptions<unknown> = {}): ReconnectingConnection {
    const pattern = pathOf(name)
    const { WebSocket, base } = environment()
    const { WebSocket: _ws, baseUrl: _base, query: _query, paths: _paths, ...clientDefaults } = options
    const url = (resume: string | undefined): string => {
      const shared = typeof options.query === 'function' ? options.query() : (options.query ?? {})
      return buildRouteUrl(base, pattern, args, resume === undefined ? shared : { ...shared, [RESUME_QUERY_PARAM]: resume })
    }
    return new ReconnectingConnection(WebSocket, url, { ...clientDefaults, ...connectOptions })
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
