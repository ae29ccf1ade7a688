import type { ConformanceHost } from './host.js'

type Profile = Required<Pick<ConformanceHost, 'capabilities' | 'reasons'>>

/**
 * What a host on each shipped runtime can do, declared once for every adapter that runs there (the
 * adapters' own hosts, the docs' host list). A host of your own on the same runtime may spread it.
 */
export const nodeProfile = {
  capabilities: { nativePubSub: false, httpRoutes: true, fallbackRoute: true, fragmentLimit: true, rawRequestTarget: true },
  reasons: { nativePubSub: 'Node has no native pub/sub: core sends to each subscriber' },
} as const satisfies Profile

export const bunProfile = {
  capabilities: { nativePubSub: true, httpRoutes: true, fallbackRoute: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: {
    fragmentLimit: 'Bun (uWebSockets) has no cap on the frames of one message; maxPayloadLength still bounds its size',
    rawRequestTarget:
      'Bun hands fetch the URL it parsed: a \\ in the path arrives as /, DEL and non-ASCII bytes percent-encoded; it answers control characters with 505 itself',
  },
} as const satisfies Profile
