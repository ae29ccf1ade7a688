/**
 * One copy of strings that many connections hold with the same value: the peer address behind a
 * proxy or load balancer, `host`, `origin`, `user-agent`, a route URL without a query. Each is a
 * new string per handshake otherwise, 30 to 150 bytes per connection for the connection's life.
 *
 * Bounded (the table starts over when full) and only for values that are not secrets: callers
 * never pass cookies, authorization headers or query strings, so the table cannot keep a
 * credential alive after its connection is gone.
 */
const MAX_ENTRIES = 512
const MAX_LENGTH = 256
const table = new Map<string, string>()

export function shareString(value: string): string {
  if (value.length > MAX_LENGTH) return value
  const known = table.get(value)
  if (known !== undefined) return known
  if (table.size >= MAX_ENTRIES) table.clear()
  table.set(value, value)
  return value
}

/** @internal Whether `value` is in the table (tests: strings have no observable identity). */
export function isShared(value: string): boolean {
  return table.has(value)
}

/** @internal The table's size (tests: it stays bounded). */
export function sharedCount(): number {
  return table.size
}

/** Request headers whose values repeat across connections and never carry credentials. */
export const SHARED_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'origin',
  'user-agent',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'pragma',
])
