import type { HostCapabilities } from '@wsbridge/conformance'

/**
 * The hosts the conformance suite runs on in this repository (see each adapter's test/host.ts, and
 * test/minimal-adapter.test.ts here for the guide's minimal adapter),
 * with the capabilities they declare. The compatibility test checks these against the suite's own
 * reports whenever a run wrote them (WSBRIDGE_CONFORMANCE_REPORT), so this list cannot drift.
 */
export interface HostProfile {
  readonly name: string
  /** Adapter package and runtime, for the table header's footnote. */
  readonly setup: string
  readonly capabilities: HostCapabilities
  readonly reasons: Partial<Record<keyof HostCapabilities, string>>
}

const nodeReason = 'Node has no native pub/sub: core sends to each subscriber'
const bunFragments = 'Bun (uWebSockets) has no cap on the frames of one message; maxPayloadLength still bounds its size'
const bunTarget =
  'Bun hands fetch the URL it parsed: a \\ in the path arrives as /, DEL and non-ASCII bytes percent-encoded; it answers control characters with 505 itself'

/** What every Node host declares (ws underneath), and what both Bun hosts declare (uWebSockets). */
const onNode = {
  capabilities: {
    nativePubSub: false,
    httpRoutes: true,
    protocolCloseFrames: true,
    restart: true,
    fallbackRoute: true,
    fragmentLimit: true,
    rawRequestTarget: true,
    compression: true,
    strictFraming: true,
    heartbeatDrop: true,
    closeWhileReceiving: true,
  },
  reasons: { nativePubSub: nodeReason },
} as const
const onBun = {
  capabilities: { ...onNode.capabilities, nativePubSub: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: { fragmentLimit: bunFragments, rawRequestTarget: bunTarget },
} as const

/** Deno.serve with Deno.upgradeWebSocket: what its server WebSocket cannot do (adapter-deno's conformance test). */
const onDeno = {
  capabilities: {
    ...onNode.capabilities,
    protocolCloseFrames: false,
    fragmentLimit: false,
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
} as const

export const hostProfiles: readonly HostProfile[] = [
  { name: 'node-ws', setup: '`@wsbridge/adapter-node-ws` on Node `ws`', ...onNode },
  { name: 'express', setup: '`@wsbridge/adapter-express` on Express 5', ...onNode },
  { name: 'hono-node-ws', setup: '`@wsbridge/adapter-hono` with `@hono/node-ws`', ...onNode },
  { name: 'hono-node-server', setup: '`@wsbridge/adapter-hono` with `@hono/node-server` 2', ...onNode },
  { name: 'hono-bun', setup: '`@wsbridge/adapter-hono` with `hono/bun` under Bun', ...onBun },
  { name: 'bun', setup: '`@wsbridge/adapter-bun` on `Bun.serve`', ...onBun },
  { name: 'deno', setup: '`@wsbridge/adapter-deno` on `Deno.serve`', ...onDeno },
  {
    name: 'minimal',
    setup: 'the minimal adapter of [writing an adapter](adapters/writing-an-adapter.md) on Node `ws`',
    ...onNode,
  },
]
