import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bunProfile, type ConformanceHost, denoProfile, honoWorkerdProfile, nodeProfile } from '@wsbridge/conformance'

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

// The native binary the `deno` package's install script copies in; else its Node shim (one Node start slower).
const denoBinary = existsSync(`${packageDir}node_modules/deno/deno`)
  ? `${packageDir}node_modules/deno/deno`
  : `${packageDir}node_modules/.bin/deno`

/** Hono on Deno.serve with hono/deno: a Deno process running test-deno/conformance-host.ts (see deno.jsonc). */
export const honoDenoHost: ConformanceHost = {
  name: 'hono-deno',
  command: [denoBinary, 'run', '-A', 'test-deno/conformance-host.ts'],
  cwd: packageDir,
  ...denoProfile,
}

/** Hono in a Durable Object with hono/cloudflare-workers, under workerd (Miniflare): a Node process running test-workerd/host.mjs. */
export const honoWorkerdHost: ConformanceHost = {
  name: 'hono-workerd',
  command: [process.execPath, 'test-workerd/host.mjs'],
  cwd: packageDir,
  ...honoWorkerdProfile,
}
