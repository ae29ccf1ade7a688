import { fileURLToPath } from 'node:url'
import { runConformanceSuite } from '@wsbridge/conformance'

/** Runs under vitest on Node; the host is a Bun process (`bun conformance/host.ts`). */
const packageDir = fileURLToPath(new URL('..', import.meta.url))

runConformanceSuite({
  name: 'bun',
  command: [`${packageDir}node_modules/.bin/bun`, 'conformance/host.ts'],
  cwd: packageDir,
  capabilities: { nativePubSub: true, httpRoutes: true, fallbackRoute: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: {
    fragmentLimit: 'Bun (uWebSockets) has no cap on the frames of one message; maxPayloadLength still bounds its size',
    rawRequestTarget:
      'Bun hands fetch the URL it parsed: a \\ in the path arrives as /, DEL and non-ASCII bytes percent-encoded; it answers control characters with 505 itself',
  },
})
