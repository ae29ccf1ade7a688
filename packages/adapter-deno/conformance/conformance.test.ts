import { runConformanceSuite } from '@wsbridge/conformance'
import { denoBinary, packageDir } from '../test/deno-binary.js'

/** Runs under vitest on Node; the host is a Deno process (`deno run -A conformance/host.ts`, see deno.jsonc). */
runConformanceSuite({
  name: 'deno',
  command: [denoBinary, 'run', '-A', 'conformance/host.ts'],
  cwd: packageDir,
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
})
