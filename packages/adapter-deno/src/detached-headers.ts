/**
 * The upgrade request's headers for core to read, from a copy of the request. Core iterates them
 * into the connection's `headers`, and Deno keeps the upgraded `Request` alive as long as its
 * socket, while a `Headers` caches the sorted list its first iteration builds: iterating the
 * original's would keep that list (about 2 KB per connection with a browser's headers, measured by
 * `pnpm bench --only=deno`) for the connection's whole life. The copy follows no abort signal
 * (`signal: null`), so nothing retains it. A request with a body (meaningless on an upgrade) is read
 * directly, as copying it would consume the original's body.
 */
export function detachedHeaders(request: Request): Headers {
  return request.body === null ? new Request(request, { signal: null }).headers : request.headers
}
