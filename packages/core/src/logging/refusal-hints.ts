import type { WsRefusal } from '../refusal.js'

/** Causes remembered; past this, hints stop (a scanner walking paths must not grow memory or the log). */
const MAX_CAUSES = 64

/**
 * In development, the first refusal of each cause gets one line saying how to fix it: the Origin
 * and Host an origin check saw and the `allowedOrigins` to set; the unknown path and the routes the
 * bridge serves. Refusals are otherwise logged at debug (bad tokens and scanners are routine), so a
 * newcomer whose page is on another port would see nothing at all.
 */
export class RefusalHints {
  readonly #seen: Set<string> = new Set()
  readonly #routes: readonly string[]

  /** `routes`: every route's full path pattern (prefix included), as the bridge matches them. */
  constructor(routes: readonly string[]) {
    this.#routes = routes
  }

  /** The hint for `refusal` if it is the first of its cause, else undefined. */
  hint(refusal: WsRefusal): string | undefined {
    // A hook that threw is already an error line with its stack: the fix is in the hook, not here.
    if (refusal.blame === 'server') return undefined
    const hint = hintFor(refusal, this.#routes)
    if (hint === undefined || this.#seen.size >= MAX_CAUSES || this.#seen.has(hint.cause)) return undefined
    this.#seen.add(hint.cause)
    return `[wsbridge] hint (development, once per cause): ${hint.text}`
  }
}

interface Hint {
  readonly cause: string
  readonly text: string
}

function hintFor(refusal: WsRefusal, routes: readonly string[]): Hint | undefined {
  switch (refusal.code) {
    case 'ORIGIN_NOT_ALLOWED': {
      const origin = refusal.origin ?? '(none)'
      return {
        cause: `origin ${origin}`,
        text:
          `upgrade from Origin ${quote(origin)} refused for Host ${quote(refusal.host ?? '(none)')}: by default only pages served from the ` +
          `same host may connect. If that page is yours, allow it: allowedOrigins: [${JSON.stringify(origin)}] in the bridge options ` +
          '(or open the page from the same host and port as the server).',
      }
    }
    case 'ROUTE_NOT_FOUND':
      return {
        cause: `path ${refusal.path}`,
        text:
          `no route at ${quote(refusal.path)}; this bridge serves ${routes.length === 0 ? 'no routes' : routes.map(quote).join(', ')}. ` +
          'A typed client needs every custom route path (and the bridge prefix in its baseUrl).',
      }
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return {
        cause: `${refusal.code} ${refusal.route ?? ''}`,
        text:
          `route ${quote(refusal.route ?? '?')}'s auth hook refused an upgrade with ${refusal.status} (${refusal.message}). ` +
          "Browsers cannot set headers on a WebSocket: send the token as ?token=, a cookie or a protocol (tokenAuth's `from`).",
      }
    default:
      return undefined
  }
}

const quote = (text: string): string => JSON.stringify(text)
