/**
 * Who may open the inspector. It shows every connection's user and traffic and can send as the
 * server, so it is refused to anyone but the machine itself unless the app configured a token.
 */

/** True for the loopback addresses: 127.0.0.0/8, `::1` and IPv4-mapped 127.x (`::ffff:127.0.0.1`). */
export function isLoopback(ip: string | undefined): boolean {
  if (ip === undefined) return false
  const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip
  if (address === '::1' || address === '0:0:0:0:0:0:0:1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)
}

/**
 * Compares a presented token with the configured one in time that depends only on the configured
 * token's length, so response timing does not reveal how many leading characters were right.
 * Pure (no `node:crypto`), so it runs on every runtime.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = new TextEncoder().encode(presented)
  const b = new TextEncoder().encode(expected)
  let difference = a.length ^ b.length
  for (let i = 0; i < b.length; i++) difference |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] ?? 0)
  return difference === 0 && a.length > 0
}

/**
 * The inspector's admission rule: a loopback peer always; any other peer only with the configured
 * token. With no token configured, non-loopback peers are refused whatever they present.
 */
export function admits(ip: string | undefined, presented: string | null | undefined, token: string | undefined): boolean {
  if (isLoopback(ip)) return true
  return token !== undefined && token !== '' && typeof presented === 'string' && tokensMatch(presented, token)
}
