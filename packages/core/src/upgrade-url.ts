// A Host header is a hostname, IPv4 or [IPv6] literal and an optional port; anything else is not
// trusted into a URL (the request then keeps its own URL and core uses a placeholder origin).
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * The upgrade URL as the client addressed it (`ws://host:port/path?query`), so `connection.url`
 * carries the real host on every runtime. Node hands adapters a bare path, and some Hono runtimes
 * an absolute URL on a placeholder host (`http://localhost/...`); the Host header is the truth.
 * @param url the runtime's request URL, relative or absolute
 * @param secure whether the request arrived over TLS (an `https:`/`wss:` URL implies it)
 */
export function upgradeUrl(url: string, host: string | undefined, secure = false): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(url)
  const path = absolute ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/' : url
  if (host === undefined || !HOST.test(host) || !path.startsWith('/')) return url
  const tls = secure || /^(https|wss):/i.test(url)
  return `${tls ? 'wss' : 'ws'}://${host}${path}`
}
