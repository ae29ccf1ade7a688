import type { ConnectionInit } from './connection-host.js'
import { createConnectionId } from './connection-id.js'
import { ConnectionRequester } from './connection-requester.js'
import { shareString } from './shared-strings.js'

/** `#context` until the connection's empty context object is first read (any value, undefined too, can be assigned). */
const UNREAD_CONTEXT: unique symbol = Symbol('wsbridge.unreadContext')

/** True for `{}`: such params, query and context objects are created on first read instead. */
function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false
  for (const _ in value) return false
  return true
}

/**
 * What the upgrade established about a connection: its id, peer, headers, user, URL and context.
 * A base class of ConnectionImpl, which adds the live socket (see serial-queue.ts for why one
 * object). Values that are usually empty or never read (params, query, context, url, id) are
 * created on first read: idle memory per connection is part of the contract.
 */
export class ConnectionRequest extends ConnectionRequester {
  // Created on first read: ids are 36-character strings, and idle connections often never need one.
  #id: string | undefined
  readonly ip: string
  readonly headers: Readonly<Record<string, string>>
  /** Replaced when a token refresh authenticates the same user again (security/auth-refresh.ts). */
  user: unknown
  // An empty object not created yet: UNREAD_CONTEXT, or undefined for params and query (most routes
  // have no params, query or context hook).
  #context: any
  #params: Readonly<Record<string, string | undefined>> | undefined
  #query: Readonly<Record<string, string>> | undefined
  // The href until first read, then the URL object: most handlers never look at it (memory per connection).
  #url: string | URL

  /** `contextHook`: the route builds the context (so even an empty one is kept as it is). */
  constructor(init: ConnectionInit, contextHook: boolean) {
    super()
    this.#id = init.id
    this.ip = shareString(init.ip)
    this.headers = init.headers
    this.user = init.user
    this.#context = !contextHook && isEmptyObject(init.context) ? UNREAD_CONTEXT : init.context
    this.#params = isEmptyObject(init.match.params) ? undefined : init.match.params
    this.#query = isEmptyObject(init.match.query) ? undefined : init.match.query
    // A URL with a query may carry a token: only query-less ones are shared (shared-strings.ts).
    this.#url = init.match.url.search === '' ? shareString(init.match.url.href) : init.match.url.href
  }

  /** Unique, unguessable (a random UUID), fixed once read. */
  get id(): string {
    return (this.#id ??= createConnectionId())
  }

  get params(): Readonly<Record<string, string | undefined>> {
    return (this.#params ??= {})
  }

  get query(): Readonly<Record<string, string>> {
    return (this.#query ??= {})
  }

  get context(): any {
    if (this.#context === UNREAD_CONTEXT) this.#context = {}
    return this.#context
  }

  set context(value: any) {
    this.#context = value
  }

  get url(): URL {
    const url = this.#url
    return typeof url === 'string' ? (this.#url = new URL(url)) : url
  }

  override toString(): string {
    return this.id
  }
}
