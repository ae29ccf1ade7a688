import { defineRoute, tokenAuth, WsError } from '@wsbridge/core'
import { record } from '../fixture/journal.js'

/** The body every host's app answers a plain HTTP request it has no route for with (the `fallbackRoute` capability). */
export const APP_BODY = 'app'

/** `good` → a user, `forbidden` → 403 with a reason, anything else → 401. */
function verify(token: string): { name: string } | null {
  if (token === 'good') return { name: 'alice' }
  if (token === 'forbidden') throw new WsError('FORBIDDEN', 'Not your room')
  return null
}

const verifyToken = tokenAuth(verify)

const onMessage = (message: unknown, connection: { send(data: unknown): unknown }): void => void connection.send({ echo: message })

/** Routes whose upgrades are refused, each for one reason, and one whose auth never settles. */
export const handshakeRoutes = {
  /** Records every auth call under `?t=`: a malformed handshake must be refused before auth runs. */
  hsAuth: defineRoute({
    kind: 'ws',
    auth: (request) => {
      record(request.query['t'], { type: 'auth' })
      return verifyToken(request)
    },
    handler: { onMessage },
  }),
  /** One connection at most: the second upgrade gets 503. */
  hsCap: defineRoute({ kind: 'ws', limits: { maxConnections: 1 }, handler: { onMessage } }),
  hsContextThrows: defineRoute({
    kind: 'ws',
    context: (): Record<string, unknown> => {
      throw new Error('context hook failed')
    },
    handler: { onMessage },
  }),
  /** A `verify` whose backend hangs: only `handshakeTimeout` ends the upgrade. */
  hsHang: defineRoute({ kind: 'ws', auth: () => new Promise<{ name: string } | null>(() => undefined), handler: { onMessage } }),
}
