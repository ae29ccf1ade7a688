import { bunProfile, type HostCapabilities, nodeProfile } from '@wsbridge/conformance'

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

/** What every Node host declares (ws underneath), and what both Bun hosts declare (uWebSockets). */
const onNode = {
  capabilities: { protocolCloseFrames: true, restart: true, ...nodeProfile.capabilities },
  reasons: nodeProfile.reasons,
} as const
const onBun = {
  capabilities: { protocolCloseFrames: true, restart: true, ...bunProfile.capabilities },
  reasons: bunProfile.reasons,
} as const

export const hostProfiles: readonly HostProfile[] = [
  { name: 'node-ws', setup: '`@wsbridge/adapter-node-ws` on Node `ws`', ...onNode },
  { name: 'express', setup: '`@wsbridge/adapter-express` on Express 5', ...onNode },
  { name: 'hono-node-ws', setup: '`@wsbridge/adapter-hono` with `@hono/node-ws`', ...onNode },
  { name: 'hono-node-server', setup: '`@wsbridge/adapter-hono` with `@hono/node-server` 2', ...onNode },
  { name: 'hono-bun', setup: '`@wsbridge/adapter-hono` with `hono/bun` under Bun', ...onBun },
  { name: 'bun', setup: '`@wsbridge/adapter-bun` on `Bun.serve`', ...onBun },
  {
    name: 'minimal',
    setup: 'the minimal adapter of [writing an adapter](adapters/writing-an-adapter.md) on Node `ws`',
    ...onNode,
  },
]
