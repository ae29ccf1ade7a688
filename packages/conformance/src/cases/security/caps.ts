import type { BridgeOptions } from '@wsbridge/core'
import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import type { SuiteContext } from '../../context.js'
import { openClient } from '../../client.js'
import { rawUpgradeRequest } from '../../raw-http.js'

/**
 * The suite's observer holds one connection on every host it starts (from 127.0.0.1, on a route of
 * its own): a bridge-wide cap counts it like any other, so each cap below leaves the cases two.
 */
const OBSERVERS = 1

/**
 * Starts a host whose bridge allows two more connections under `caps`, holds two on two different routes,
 * and checks that a third upgrade (on either route) is refused with 503 until one of them closes.
 * Route caps are covered in limits.ts; these are the bridge-level ones, which span every route.
 */
async function expectBridgeCap(ctx: SuiteContext, caps: BridgeOptions): Promise<void> {
  const host = await ctx.startHost({ routes: ['security'], options: caps })
  try {
    const url = (route: string) => `${host.wsUrl}${ctx.prefix}/${route}`
    const first = await openClient(url('secPublic'))
    await openClient(url('secRoom'))
    for (const route of ['secPublic', 'secRoom']) expect((await rawUpgradeRequest(host.httpUrl, `${ctx.prefix}/${route}`)).status).toBe(503)
    expect(await host.connectionCount()).toBe(2)
    first.close()
    await host.connectionsAre(1)
    const again = await openClient(url('secPublic'))
    again.send({})
    expect(await again.next()).toEqual({})
  } finally {
    await host.close()
  }
}

export const capCases: readonly ConformanceCase[] = [
  {
    name: 'max connections: the bridge-wide cap spans every route (503 before upgrade; a slot frees on close)',
    timeout: 15000,
    run: (ctx) => expectBridgeCap(ctx, { maxConnections: 2 + OBSERVERS, maxConnectionsPerIp: 0 }),
  },
  {
    // Every test client comes from 127.0.0.1: this also proves each adapter hands core the real peer IP.
    name: 'max connections: the per-IP cap spans every route (503 before upgrade; a slot frees on close)',
    timeout: 15000,
    run: (ctx) => expectBridgeCap(ctx, { maxConnectionsPerIp: 2 + OBSERVERS }),
  },
]
