import { SHARED_HEADERS, shareString } from './shared-strings.js'
import type { UpgradeRequest } from './upgrade.js'

/**
 * Normalises a runtime's headers (Node's object or a web Headers) to lower-cased strings. With
 * `forConnection`, the handshake mechanics are left out (what `connectionHeaders` keeps), so a
 * handshake that needs nothing else builds one object instead of two.
 */
export function normalizeHeaders(headers: UpgradeRequest['headers'], forConnection = false): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    ;(headers as Headers).forEach((value, key) => {
      const name = key.toLowerCase()
      if (!forConnection || !HANDSHAKE_HEADERS.has(name)) out[name] = forConnection ? keptValue(name, value) : value
    })
    return out
  }
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    const name = key.toLowerCase()
    if (value === undefined || (forConnection && HANDSHAKE_HEADERS.has(name))) continue
    const text = Array.isArray(value) ? value.join(', ') : value
    out[name] = forConnection ? keptValue(name, text) : text
  }
  return out
}

/** `Sec-WebSocket-Protocol: a, b` → `['a', 'b']`. */
export function parseProtocols(header: string | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
}

// The handshake's own mechanics: needed to upgrade, meaningless afterwards, and (the key and the
// extension offer especially) a few hundred bytes per connection if kept for its whole life.
const HANDSHAKE_HEADERS: ReadonlySet<string> = new Set([
  'upgrade',
  'connection',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
])

/** The headers a connection keeps: every request header except the handshake mechanics. */
export function connectionHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const key in headers) if (!HANDSHAKE_HEADERS.has(key)) kept[key] = keptValue(key, headers[key]!)
  return kept
}

/** A header value as a connection keeps it: one shared copy for the common repeated ones (shared-strings.ts). */
function keptValue(name: string, value: string): string {
  return SHARED_HEADERS.has(name) ? shareString(value) : value
}
