import { runConformanceSuite } from '@wsbridge/conformance'
import { denoBinary, packageDir } from '../test/deno-binary.js'

/** Runs under vitest on Node; the host is a Deno process (`deno run -A conformance/host.ts`, see deno.jsonc). */
runConformanceSuite({
  name: 'deno',
  command: [denoBinary, 'run', '-A', 'conformance/host.ts'],
  cwd: packageDir,
  capabilities: { nativePubSub: false, httpRoutes: true, fallbackRoute: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: {
    nativePubSub: 'Deno has no native pub/sub: core sends to each subscriber',
    fragmentLimit: 'Deno has no cap on the frames of one message',
    rawRequestTarget: 'Deno hands the handler the URL it parsed: a \\ in the path arrives as /',
  },
})
