import { fileURLToPath } from 'node:url'
import { runConformanceSuite } from '@wsbridge/conformance'

/** Runs under vitest on Node; the host is workerd, started by Miniflare from `node conformance/host.mjs`. */
const packageDir = fileURLToPath(new URL('..', import.meta.url))

runConformanceSuite({
  name: 'workerd',
  command: [process.execPath, 'conformance/host.mjs'],
  cwd: packageDir,
  capabilities: {
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
  },
})
