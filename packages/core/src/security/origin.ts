import type { OriginRule } from './options.js'

/**
 * Cross-site WebSocket hijacking defence. Browsers always send `Origin` on a WebSocket handshake
 * and cookies ride along, so a page on evil.example could otherwise open an authenticated socket
 * to us. Non-browser clients usually send no Origin; they cannot carry a victim's cookies, so
 * they are allowed (auth still applies).
 */
export function isOriginAllowed(headers: Readonly<Record<string, string>>, rules: '*' | readonly OriginRule[]): boolean {
  const origin = headers['origin']
  if (origin === undefined || rules === '*') return true
  // Sandboxed iframes and file:// pages send the literal string "null": only an explicit rule admits it.
  if (origin !== 'null' && sameHost(origin, headers['host'])) return true
  return rules.some((rule) => matches(rule, origin))
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false
  try {
    const from = new URL(origin)
    const to = new URL(`${from.protocol}//${host}`)
    // Parsing the Host with the origin's scheme applies the same default port to both sides.
    return from.hostname === to.hostname && from.port === to.port
  } catch {
    return false
  }
}

function matches(rule: OriginRule, origin: string): boolean {
  if (typeof rule === 'function') return rule(origin)
  if (rule instanceof RegExp) return rule.test(origin)
  if (rule === '*' || rule === origin) return true
  // `https://*.example.com` admits any subdomain (not example.com itself), same scheme only.
  const star = rule.indexOf('://*.')
  if (star === -1) return false
  const scheme = rule.slice(0, star + 3)
  const suffix = rule.slice(star + 4)
  return origin.startsWith(scheme) && origin.endsWith(suffix) && !origin.slice(scheme.length, -suffix.length).includes('/')
}
