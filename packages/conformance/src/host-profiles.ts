import type { ConformanceHost, HostCapabilities } from './host.js'

/**
 * What a runtime's hosts declare to the suite: the capabilities they differ in, each `false` one with
 * its reason. Spread one into your own `ConformanceHost` on the same runtime.
 */
export type HostProfile = Required<Pick<ConformanceHost, 'capabilities' | 'reasons'>>

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
  closeInOpen: true,
}

/**
 * What a host on each shipped runtime can do, declared once for every adapter that runs there (the
 * adapters' own hosts, the docs' host list). A host of your own on the same runtime may spread it.
 */
export const nodeProfile: HostProfile = {
  capabilities: { nativePubSub: false, httpRoutes: true, fallbackRoute: true, fragmentLimit: true, rawRequestTarget: true },
  reasons: { nativePubSub: 'Node has no native pub/sub: core sends to each subscriber' },
}

/**
 * What a host on Bun can do, with the reasons for what it cannot (used by this package's Bun hosts). A
 * host of your own on Bun may spread it into its `ConformanceHost`.
 */
export const bunProfile: HostProfile = {
  capabilities: { nativePubSub: true, httpRoutes: true, fallbackRoute: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: {
    fragmentLimit: 'Bun (uWebSockets) has no cap on the frames of one message; maxPayloadLength still bounds its size',
    rawRequestTarget:
      'Bun hands fetch the URL it parsed: a \\ in the path arrives as /, DEL and non-ASCII bytes percent-encoded; it answers control characters with 505 itself',
  },
}

/** Deno.serve with Deno.upgradeWebSocket: what its server WebSocket cannot do. */
export const denoProfile: HostProfile = {
  capabilities: {
    nativePubSub: false,
    httpRoutes: true,
    fallbackRoute: true,
    protocolCloseFrames: false,
    fragmentLimit: false,
    rawRequestTarget: true,
    compression: false,
    compressionControl: false,
    strictFraming: false,
    heartbeatDrop: false,
    closeWhileReceiving: false,
  },
  reasons: {
    nativePubSub: 'Deno has no native pub/sub: core sends to each subscriber',
    protocolCloseFrames: 'Deno drops the TCP connection on a protocol error, without a close frame',
    fragmentLimit: 'Deno has no cap on the frames of one message; its fixed 64 MiB message limit still applies',
    compression: "Deno's server WebSocket has no permessage-deflate: the offer is declined and frames go uncompressed",
    compressionControl: "Deno's server WebSocket has no permessage-deflate, so the bridge cannot turn it on",
    strictFraming:
      'Deno reads an unmasked client frame like a masked one, and takes a pong over 125 bytes, instead of failing the connection',
    heartbeatDrop:
      "Deno's own heartbeat (upgradeWebSocket's idleTimeout, which the adapter sets from the bridge's) sends a close frame (1001) before dropping a dead peer",
    closeWhileReceiving:
      "Once closing, Deno drops the connection at the peer's next frame, before its own close frame is written: a client still sending may read 1006",
  },
}

/** A Durable Object on workerd (Miniflare) with the WebSocket Hibernation API: what workerd owns of the socket. */
export const workerdProfile: HostProfile = {
  capabilities: {
    nativePubSub: false,
    strictFraming: false,
    httpRoutes: true,
    fallbackRoute: true,
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
  reasons: {
    nativePubSub: 'workerd has no pub/sub: the adapter fans out within the object',
    rawRequestTarget: 'workerd hands fetch only the URL it parsed',
    fragmentLimit: 'workerd takes no cap on the frames of one message; maxPayloadLength still bounds its size',
    abortiveClose: 'a Durable Object can only close a WebSocket with a close frame: terminate() closes with 1011',
    serverPing:
      'workerd sends no WebSocket ping from a Durable Object: with autoResponse the heartbeat counts the client’s own heartbeats, which workerd answers without waking the object (getWebSocketAutoResponseTimestamp, read at each alarm sweep; adapter-cloudflare test/heartbeat.test.ts: a silent client closed 1011, onClose 1006 Heartbeat timeout)',
    refusalHeaders:
      'workerd writes hop-by-hop headers itself and drops Connection: close from a Worker’s response (status and body are still checked)',
    strictFraming: 'workerd handles malformed frames itself and reports none to the Durable Object (see protocolErrors)',
    protocolErrors: 'workerd handles malformed frames itself and does not hand them to the Durable Object as the suite expects',
    payloadLimit: 'workerd refuses messages over its own 1 MiB limit (1009 "Message is too large") before the bridge sees them',
    compressionControl: 'workerd negotiates permessage-deflate itself, whatever the bridge says',
    bufferedAmount: 'workerd reports no bufferedAmount for a server WebSocket, so backpressure limits cannot apply',
    headerLimit: 'workerd accepts an upgrade with 1,000 extra headers',
    nonGetUpgrade:
      "Miniflare forwards requests to the Worker with fetch, which throws on an upgrade that is not GET: the client gets workerd's 500 before any code of ours runs",
    closeOutsideEvents:
      "workerd sends a hibernatable socket's close frame at once when the close starts outside that socket's own event (the idle timeout's alarm, a shutdown from another request), but ends the TCP connection only when the object next hibernates (~10 s after its last event): later than the suite waits",
  },
}

/**
 * Hono in a Durable Object on workerd with `hono/cloudflare-workers`' socket (`accept()`, no
 * hibernation): workerd owns framing, limits and handshake headers as for `workerdProfile`.
 */
export const honoWorkerdProfile: HostProfile = {
  capabilities: workerdProfile.capabilities,
  reasons: {
    ...workerdProfile.reasons,
    closeOutsideEvents:
      'an accepted socket’s close ends its connection at once (the idle timeout case passes), but the suite’s shutdown reaches the object over the observer’s socket, which workerd delivers independently of a new request: an upgrade sent after it was still accepted (101) in 2 of 3 runs under load',
    serverPing:
      'workerd has no WebSocket ping for a Worker’s socket, so core’s heartbeat cannot run; the idle timeout still closes silent clients',
    bufferedAmount: 'workerd reports no bufferedAmount for a Worker’s WebSocket, so backpressure limits cannot apply',
  },
}
