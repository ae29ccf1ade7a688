import { defineRoute, tokenAuth } from '@wsbridge/core'

/**
 * Tokens are `<name>:<ms to live>`: the auth hook gives `{ id: name }` (the default user key is `id`, so a refresh may not change it) and an expiry that many ms from
 * now, at upgrade and for each refresh frame. Anything else is refused.
 */
function verifyExpiring(token: string) {
  const [name, ttl] = token.split(':')
  const ms = Number(ttl)
  if (!name || !Number.isSafeInteger(ms) || ms <= 0) return null
  return { success: true as const, data: { id: name }, expiresAt: Date.now() + ms }
}

export const tokenExpiryRoutes = {
  secExpiring: defineRoute({
    kind: 'ws',
    auth: tokenAuth(verifyExpiring),
    handler: { onMessage: (_message, connection) => connection.send({ user: connection.user }) },
  }),
}
