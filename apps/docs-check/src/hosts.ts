import {
  bunProfile,
  defaultCapabilities,
  denoProfile,
  type HostCapabilities,
  honoWorkerdProfile,
  nodeProfile,
  workerdProfile,
} from '@wsbridge/conformance/tools'

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

/** What the hosts on each runtime declare: the suite's defaults, then the runtime's profile. */
const on = (profile: { readonly capabilities: Partial<HostCapabilities>; readonly reasons: HostProfile['reasons'] }) =>
  ({ capabilities: { ...defaultCapabilities, ...profile.capabilities }, reasons: profile.reasons }) as const
const onNode = on(nodeProfile)
const onBun = on(bunProfile)
const onDeno = on(denoProfile)
const onWorkerd = on(workerdProfile)
const onHonoWorkerd = on(honoWorkerdProfile)

export const hostProfiles: readonly HostProfile[] = [
  { name: 'node-ws', setup: '`@wsbridge/adapter-node-ws` on Node `ws`', ...onNode },
  { name: 'express', setup: '`@wsbridge/adapter-express` on Express 5', ...onNode },
  { name: 'hono-node-ws', setup: '`@wsbridge/adapter-hono` with `@hono/node-ws`', ...onNode },
  { name: 'hono-node-server', setup: '`@wsbridge/adapter-hono` with `@hono/node-server` 2', ...onNode },
  { name: 'hono-bun', setup: '`@wsbridge/adapter-hono` with `hono/bun` under Bun', ...onBun },
  { name: 'bun', setup: '`@wsbridge/adapter-bun` on `Bun.serve`', ...onBun },
  { name: 'deno', setup: '`@wsbridge/adapter-deno` on `Deno.serve`', ...onDeno },
  { name: 'hono-deno', setup: '`@wsbridge/adapter-hono` with `hono/deno` on `Deno.serve`', ...onDeno },
  { name: 'workerd', setup: '`@wsbridge/adapter-cloudflare` in a Durable Object under workerd (Miniflare)', ...onWorkerd },
  {
    name: 'hono-workerd',
    setup: '`@wsbridge/adapter-hono` with `hono/cloudflare-workers` in a Durable Object under workerd (Miniflare)',
    ...onHonoWorkerd,
  },
  {
    name: 'minimal',
    setup: 'the minimal adapter of [writing an adapter](adapters/writing-an-adapter.md) on Node `ws`',
    ...onNode,
  },
]
