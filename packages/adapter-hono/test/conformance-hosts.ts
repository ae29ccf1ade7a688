import { fileURLToPath } from 'node:url'
import type { ConformanceHost, HostCapabilities } from '@wsbridge/conformance'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const node: Partial<HostCapabilities> = {
  nativePubSub: false,
  httpRoutes: true,
  fallbackRoute: true,
  fragmentLimit: true,
  rawRequestTarget: true,
}
const nodeReasons = { nativePubSub: 'Node has no native pub/sub: core sends to each subscriber' }

/** Hono on Node: a process running test/conformance-host.ts with one of its variants. */
export function honoNodeHost(name: string, variant: 'node-ws' | 'node-server'): ConformanceHost {
  return {
    name,
    command: [process.execPath, '--import', 'tsx', 'test/conformance-host.ts', variant],
    cwd: packageDir,
    capabilities: node,
    reasons: nodeReasons,
  }
}

/** Hono on Bun.serve with hono/bun: a Bun process running test-bun/conformance-host.ts. */
export const honoBunHost: ConformanceHost = {
  name: 'hono-bun',
  command: [`${packageDir}node_modules/.bin/bun`, 'test-bun/conformance-host.ts'],
  cwd: packageDir,
  capabilities: { nativePubSub: true, httpRoutes: true, fallbackRoute: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: {
    fragmentLimit: 'Bun (uWebSockets) has no cap on the frames of one message; maxPayloadLength still bounds its size',
    rawRequestTarget:
      'Bun hands fetch the URL it parsed: a \\ in the path arrives as /, DEL and non-ASCII bytes percent-encoded; it answers control characters with 505 itself',
  },
}
