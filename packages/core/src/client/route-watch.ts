import type { AnyClientRequests } from '../requests-types.js'
import type { RouteTarget } from './route-target.js'
import type { ConnectOptions } from './types.js'

/** The options a connection is built with: the user's, and what setupBridge knows of the route. */
export type RoutedOptions = ConnectOptions<unknown, unknown, AnyClientRequests> & { readonly route?: RouteWatch }

/**
 * What one client connection knows of its route beyond the URL: its format (a text route's strings
 * are sent and received unchanged) and whether the server said it has no route there. Made per
 * connection by setupBridge; the connection only asks it.
 */
export class RouteWatch {
  readonly #target: RouteTarget
  #noRoute = false

  constructor(target: RouteTarget) {
    this.#target = target
  }

  get text(): boolean {
    return this.#target.text
  }

  /** A 404 at upgrade was seen: the route is not at this URL, so trying again cannot help. */
  get noRoute(): boolean {
    return this.#noRoute
  }

  /** A message as its frame: a text route's string as it is (its type allows only strings), else JSON. */
  encode(message: unknown): string {
    return this.#target.text ? String(message) : (JSON.stringify(message) ?? 'null')
  }

  /**
   * A socket error. A 404 answer to the upgrade (before any open) becomes the error that ends the
   * connection, naming the route and URL. Only implementations that report the status are seen here
   * (the `ws` package: `Unexpected server response: 404`); browsers, undici and Bun do not, which is
   * why the client takes paths from the routes or a manifest instead of guessing them (docs/client.md).
   */
  failed(error: Error, socket: unknown, opened: boolean): Error {
    if (opened || !/Unexpected server response: 404\b/.test(error.message)) return error
    this.#noRoute = true
    const url = (socket as { url?: unknown } | undefined)?.url
    return new Error(
      `[wsbridge] route ${JSON.stringify(this.#target.name)}: the server has no WebSocket route at ${String(url).split('?', 1)[0]} (HTTP 404 at upgrade); ` +
        "check the route's path, or the manifest the client was set up with. Not reconnecting.",
    )
  }
}
