/** An address as it goes in a URL: IPv6 in brackets, the wildcard addresses as loopback. */
export function urlHost(hostname: string): string {
  if (hostname === '0.0.0.0') return '127.0.0.1'
  if (hostname === '::') return '[::1]'
  return hostname.includes(':') ? `[${hostname}]` : hostname
}
