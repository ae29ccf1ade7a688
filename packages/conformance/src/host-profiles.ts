import type { ConformanceHost, HostCapabilities } from './host.js'

type Profile = Required<Pick<ConformanceHost, 'capabilities' | 'reasons'>>

/** What the suite assumes of a host that does not declare a capability. */
export const defaultCapabilities: HostCapabilities = {
  nativePubSub: false,
  httpRoutes: false,
  protocolCloseFrames: true,
  restart: true,
  compression: true,
  strictFraming: true,
  heartbeatDrop: true,
  closeWhileReceiving: true,
}

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

/** Deno.serve with Deno.upgradeWebSocket: what its server WebSocket cannot do. */
export const denoProfile = {
  capabilities: {
    nativePubSub: false,
    httpRoutes: true,
    fallbackRoute: true,
    protocolCloseFrames: false,
    fragmentLimit: false,
    rawRequestTarget: true,
    compression: false,
    strictFraming: false,
    heartbeatDrop: false,
    closeWhileReceiving: false,
  },
  reasons: {
    nativePubSub: 'Deno has no native pub/sub: core sends to each subscriber',
    protocolCloseFrames: 'Deno drops the TCP connection on a protocol error, without a close frame',
    fragmentLimit: 'Deno has no cap on the frames of one message; its fixed 64 MiB message limit still applies',
    compression: "Deno's server WebSocket has no permessage-deflate: the offer is declined and frames go uncompressed",
    strictFraming:
      'Deno reads an unmasked client frame like a masked one, and takes a pong over 125 bytes, instead of failing the connection',
    heartbeatDrop:
      "Deno's own heartbeat (upgradeWebSocket's idleTimeout, which the adapter sets from the bridge's) sends a close frame (1001) before dropping a dead peer",
    closeWhileReceiving:
      "Once closing, Deno drops the connection at the peer's next frame, before its own close frame is written: a client still sending may read 1006",
  },
} as const satisfies Profile
