import { fileURLToPath } from 'node:url'
import { bunProfile, type ConformanceHost, nodeProfile } from '@wsbridge/conformance'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

/** Hono on Node: a process running test/conformance-host.ts with one of its variants. */
export function honoNodeHost(name: string, variant: 'node-ws' | 'node-server'): ConformanceHost {
  return { name, command: [process.execPath, '--import', 'tsx', 'test/conformance-host.ts', variant], cwd: packageDir, ...nodeProfile }
}

/** Hono on Bun.serve with hono/bun: a Bun process running test-bun/conformance-host.ts. */
export const honoBunHost: ConformanceHost = {
  name: 'hono-bun',
  command: [`${packageDir}node_modules/.bin/bun`, 'test-bun/conformance-host.ts'],
  cwd: packageDir,
  ...bunProfile,
}
