import type { ConformanceCase } from '../../case.js'
import type { WireClient } from '../../client.js'
import type { SuiteContext } from '../../context.js'
import { FuzzCounter } from '../../fuzz/settings.js'
import { expectEchoes } from '../../helpers.js'

/** A bystander on /fuzzEcho, and the bridge's registry and topic counts with it connected. */
interface Healthy {
  readonly client: WireClient
  readonly connections: number
  readonly topics: number
}

async function openHealthy(ctx: SuiteContext): Promise<Healthy> {
  // The echo route without a rate limit: a long run sends the bystander one message per input.
  const client = await ctx.connect('/fuzzEcho')
  const [connections, topics] = await Promise.all([ctx.running.connectionCount(), ctx.running.topicCount()])
  return { client, connections, topics }
}

/**
 * The invariants every fuzz input must leave intact: the bystander still round-trips, and once the
 * input's own sockets are gone the registry and the topic index are back to what they were.
 */
async function expectHealthyAndEmpty(ctx: SuiteContext, healthy: Healthy, n: number): Promise<void> {
  await expectEchoes(healthy.client, { fuzz: n })
  let now = ''
  await ctx.running
    .poll(async () => {
      const [connections, topics] = await Promise.all([ctx.running.connectionCount(), ctx.running.topicCount()])
      now = `${connections}, ${topics}`
      return connections === healthy.connections && topics === healthy.topics
    }, `registry back to ${healthy.connections} connections and ${healthy.topics} topics`)
    .catch((error: Error) => {
      throw new Error(`${error.message} (now ${now})`)
    })
}

/** Wraps a property's check of one input: the input is counted and, once its check passed, the invariants are checked. */
export type EachInput = <A extends unknown[]>(check: (...args: A) => Promise<void>) => (...args: A) => Promise<void>

export interface FuzzCaseSpec {
  readonly name: string
  readonly needs?: ConformanceCase['needs']
  /** What the case's `fuzz <surface> (<host>): N inputs, seed S` line names. */
  readonly surface: string
  readonly timeout: number
  /** Asserts the case's properties, each predicate wrapped in `each`. */
  run(ctx: SuiteContext, each: EachInput): Promise<void>
}

/** A fuzz case: a bystander opened first, the invariants after every input, the input count printed even on failure. */
export function fuzzCase(spec: FuzzCaseSpec): ConformanceCase {
  return {
    name: spec.name,
    ...(spec.needs === undefined ? {} : { needs: spec.needs }),
    timeout: spec.timeout,
    async run(ctx) {
      const counter = new FuzzCounter()
      const healthy = await openHealthy(ctx)
      const each: EachInput = (check) =>
        counter.counted(async (...args) => {
          await check(...args)
          await expectHealthyAndEmpty(ctx, healthy, counter.inputs)
        })
      try {
        await spec.run(ctx, each)
      } finally {
        counter.report(spec.surface, ctx.host.name)
      }
    },
  }
}
