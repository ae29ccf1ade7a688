import { isWebSocketUpgrade } from '@wsbridge/core/adapter'

/** Where `forwardableRequest` keeps an upgrade's real method for the object's adapter. */
export const METHOD_HEADER = 'x-wsbridge-method'

/**
 * The request a Worker hands to a Durable Object's stub (`stub.fetch(forwardableRequest(request))`).
 * workerd cannot forward an upgrade whose method is not GET (it throws, and the client gets a 500):
 * such a request travels as GET with its method in a header, so the object's adapter refuses it
 * with the same 400 as every other host. Every other request is returned as it is.
 */
export function forwardableRequest(request: Request): Request {
  if (request.method === 'GET' || !isWebSocketUpgrade(request.headers)) return request
  const headers = new Headers(request.headers)
  headers.set(METHOD_HEADER, request.method)
  return new Request(request.url, { method: 'GET', headers })
}

/** The method the client sent, as `forwardableRequest` recorded it. */
export function clientMethod(request: Request): string {
  return request.headers.get(METHOD_HEADER) ?? request.method
}
