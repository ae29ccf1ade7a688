import type { TestClient } from '../../client.js'
import type { SuiteContext } from '../../context.js'
import { expectEchoes } from '../../helpers.js'
import { eventually } from '../security/expect.js'

/** A bystander on /fuzzEcho, and the bridge's registry and topic counts with it connected. */
export interface Healthy {
  readonly client: TestClient
  readonly connections: number
  readonly topics: number
}

export async function openHealthy(ctx: SuiteContext): Promise<Healthy> {
  // The echo route without a rate limit: a long run sends the bystander one message per input.
  const client = await ctx.connect('/fuzzEcho')
  const { bridge } = ctx.running
  return { client, connections: bridge.connections.size, topics: bridge.topicCount }
}

/**
 * The invariants every fuzz input must leave intact: the bystander still round-trips, and once the
 * input's own sockets are gone the registry and the topic index are back to what they were.
 */
export async function expectHealthyAndEmpty(ctx: SuiteContext, healthy: Healthy, n: number): Promise<void> {
  await expectEchoes(healthy.client, { fuzz: n })
  const { bridge } = ctx.running
  await eventually(
    () => bridge.connections.size === healthy.connections && bridge.topicCount === healthy.topics,
    `registry back to ${healthy.connections} connections and ${healthy.topics} topics (now ${bridge.connections.size}, ${bridge.topicCount})`,
  )
}
