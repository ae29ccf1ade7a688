import type { RequestContext } from '../requests-types.js'

/** The `input` of one entry of a route's request map as the client sees it (`{ input, reply }`). */
export type InputOfEntry<E> = E extends { readonly input: infer I } ? I : unknown
/** The `reply` of one entry of a route's request map. */
export type ReplyOfEntry<E> = E extends { readonly reply: infer O } ? O : unknown
type Awaitable<T> = T | PromiseLike<T>

/** Handlers for the server's requests, one per `clientRequests` entry; the return value is the reply. */
export type ClientRequestHandlers<Q> = {
  readonly [K in keyof Q]?: (data: InputOfEntry<Q[K]>, context: RequestContext) => Awaitable<ReplyOfEntry<Q[K]>>
}
