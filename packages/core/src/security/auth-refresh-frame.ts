/**
 * The token refresh frames of a live connection (docs/security.md, "Token expiry"):
 *
 * - client → server `{"~":"auth","token":"<new token>"}`: checked by the route's own auth hook
 *   (with `request.token` set); the connection stays open and `connection.user` is replaced.
 * - server → client `{"~":"auth","expiresIn":<ms> | null}`: at open when the auth hook gave an
 *   expiry, and after every accepted refresh; `null` when the new credential does not expire.
 */

/** Every refresh frame starts with this text; a route with `auth` treats any such frame as one. */
export const AUTH_FRAME_PREFIX = '{"~":"auth"'

/** Longest token a refresh may carry, in UTF-16 units. */
export const MAX_REFRESH_TOKEN_LENGTH = 8192

export function isAuthFrameText(text: string): boolean {
  return text.startsWith(AUTH_FRAME_PREFIX)
}

/** The token of a well-formed refresh frame, else undefined (the connection is then closed 4401). */
export function refreshToken(text: string): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const token = (value as { token?: unknown }).token
  if ((value as { '~'?: unknown })['~'] !== 'auth' || typeof token !== 'string') return undefined
  return token.length > 0 && token.length <= MAX_REFRESH_TOKEN_LENGTH ? token : undefined
}

/** The server's expiry announcement: milliseconds left (never negative), or null for none. */
export function expiryFrame(expiresAt: number | undefined, now: number): string {
  return `{"~":"auth","expiresIn":${expiresAt === undefined ? 'null' : Math.max(0, Math.round(expiresAt - now))}}`
}
