import { createBridge, defineRoute, tokenAuth } from '../../src/index.js'

// The bridge the URL and header fuzz suites (urls, client-urls, handshake-headers) run against: a
// plain route, one with path parameters, one per token source and one with an Origin allow-list.

const noop = { onMessage: () => undefined }
/** `good` is a valid token; `boom` makes verify throw (docs: still a plain 401). */
const verify = (token: string): { name: string } | null => {
  if (token === 'boom') throw new Error('database down')
  return token === 'good' ? { name: 'alice' } : null
}
export const urlRoutes = {
  chat: defineRoute({ kind: 'ws', handler: noop }),
  room: defineRoute({ kind: 'ws', path: '/rooms/:roomId/:tab?', handler: noop }),
  header: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'header' }), handler: noop }),
  cookie: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'cookie', cookieName: 'sid' }), handler: noop }),
  query: defineRoute({ kind: 'ws', auth: tokenAuth(verify), handler: noop }),
  origin: defineRoute({ kind: 'ws', limits: { allowedOrigins: ['https://app.example', 'https://*.trusted.example'] }, handler: noop }),
}

export function createUrlBridge() {
  return createBridge(urlRoutes, { prefix: '/api', onError: () => undefined, logger: false })
}
