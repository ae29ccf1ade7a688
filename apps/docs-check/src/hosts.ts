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

/** Why workerd skips what it skips: the same words as packages/adapter-cloudflare/conformance/conformance.test.ts. */
const workerdReasons = {
  nativePubSub: 'workerd has no pub/sub: the adapter fans out within the object',
  rawRequestTarget: 'workerd hands fetch only the URL it parsed',
  fragmentLimit: 'workerd takes no cap on the frames of one message; maxPayloadLength still bounds its size',
  abortiveClose: 'a Durable Object can only close a WebSocket with a close frame: terminate() closes with 1011',
  serverPing:
    'workerd sends no WebSocket pings from a Durable Object; heartbeats are the client’s (setWebSocketAutoResponse answers them without waking the object)',
  refusalHeaders:
    'workerd writes hop-by-hop headers itself and drops Connection: close from a Worker’s response (status and body are still checked)',
  protocolErrors: 'workerd handles malformed frames itself and does not hand them to the Durable Object as the suite expects',
  payloadLimit: 'workerd refuses messages over its own 1 MiB limit (1009 "Message is too large") before the bridge sees them',
  compressionControl: 'workerd negotiates permessage-deflate itself, whatever the bridge says',
  bufferedAmount: 'workerd reports no bufferedAmount for a server WebSocket, so backpressure limits cannot apply',
  headerLimit: 'workerd accepts an upgrade with 1,000 extra headers',
  nonGetUpgrade:
    "Miniflare forwards requests to the Worker with fetch, which throws on an upgrade that is not GET: the client gets workerd's 500 before any code of ours runs",
  closeOutsideEvents:
    'under Miniflare a close() on a hibernatable socket outside a WebSocket event (a timer: idle timeout, shutdown deadline; or before the 101 is out: a close in onOpen) never reached the client; closes from message handlers do',
} as const

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
    abortiveClose: true,
    serverPing: true,
    refusalHeaders: true,
    protocolErrors: true,
    payloadLimit: true,
    compressionControl: true,
    bufferedAmount: true,
    headerLimit: true,
    nonGetUpgrade: true,
    closeOutsideEvents: true,
  },
  reasons: { nativePubSub: nodeReason },
} as const
const onBun = {
  capabilities: { ...onNode.capabilities, nativePubSub: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: { fragmentLimit: bunFragments, rawRequestTarget: bunTarget },
} as const

export const hostProfiles: readonly HostProfile[] = [
  { name: 'node-ws', setup: '`@wsbridge/adapter-node-ws` on Node `ws`', ...onNode },
  { name: 'express', setup: '`@wsbridge/adapter-express` on Express 5', ...onNode },
  { name: 'hono-node-ws', setup: '`@wsbridge/adapter-hono` with `@hono/node-ws`', ...onNode },
  { name: 'hono-node-server', setup: '`@wsbridge/adapter-hono` with `@hono/node-server` 2', ...onNode },
  { name: 'hono-bun', setup: '`@wsbridge/adapter-hono` with `hono/bun` under Bun', ...onBun },
  { name: 'bun', setup: '`@wsbridge/adapter-bun` on `Bun.serve`', ...onBun },
  {
    name: 'workerd',
    setup: '`@wsbridge/adapter-cloudflare` in a Durable Object under workerd (Miniflare)',
    capabilities: {
      ...onNode.capabilities,
      rawRequestTarget: false,
      fragmentLimit: false,
      abortiveClose: false,
      serverPing: false,
      refusalHeaders: false,
      protocolErrors: false,
      payloadLimit: false,
      compressionControl: false,
      bufferedAmount: false,
      headerLimit: false,
      nonGetUpgrade: false,
      closeOutsideEvents: false,
    },
    reasons: workerdReasons,
  },
  {
    name: 'minimal',
    setup: 'the minimal adapter of [writing an adapter](adapters/writing-an-adapter.md) on Node `ws`',
    ...onNode,
  },
]
