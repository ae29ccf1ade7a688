/**
 * The HTTP status of a refused upgrade, when the WebSocket implementation tells it: the `ws` package
 * reports `Unexpected server response: 404`. Browsers, undici and Bun do not expose it (their error
 * event has no status), which is why the typed client learns paths from the routes or a manifest
 * rather than guessing them (docs/client.md).
 */
export function refusedStatus(error: Error): number | undefined {
  const match = /Unexpected server response: (\d{3})/.exec(error.message)
  return match ? Number(match[1]) : undefined
}

/** A 404 at upgrade: no route at this URL. Trying again cannot help, so the connection ends with this error. */
export function noRouteError(route: string, url: string): Error {
  return new Error(
    `[wsbridge] route ${JSON.stringify(route)}: the server has no WebSocket route at ${url} (HTTP 404 at upgrade); ` +
      "check the route's path, or the manifest the client was set up with. Not reconnecting.",
  )
}
