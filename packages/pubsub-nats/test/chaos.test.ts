import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import {
  brokerRestart,
  bunExecutable,
  bundleInstance,
  type ChildInstance,
  killThenRollingRestart,
  spawnInstance,
} from '@wsbridge/backplane-testkit'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localInstance } from './chaos-local.js'
import { OwnNats, runNatsTests, runOwnNatsTests, SHARED_NATS } from './nats-server.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/chaos-instance.ts', import.meta.url))
const BUN_FIXTURE = fileURLToPath(new URL('./fixtures/chaos-bun-instance.ts', import.meta.url))
const BUN = bunExecutable(import.meta.url)

// Subject prefix of this run; its JetStream stream is derived from it (WSBRIDGE-CHAOS_<ID>_HISTORY).
const prefix = `wsbridge-chaos.r${crypto.randomUUID().slice(0, 8)}`
const stream = `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_HISTORY`
// JetStream appends to one topic are serial (each waits for the topic's newest entry, a conditional
// publish and the retention purge: about 60 ms on the loaded two-core CI machine, more while other
// test files run), so a durable topic here is fed at 10 msg/s, not the 200 of the Redis test: at
// 25 msg/s the log fell behind when the whole package ran at once (see docs/scaling.md).
const RATE = 10
const children: ChildInstance[] = []
let bundle = ''
beforeAll(() => void (bundle = bundleInstance(FIXTURE)))
const cleanups: (() => Promise<unknown>)[] = []
const cleanup = (step: () => Promise<unknown>): void => void cleanups.push(step)
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')))
  for (const step of cleanups.reverse()) await step().catch(() => undefined)
})

/** A child instance on NATS `servers`: Node `ws` or Express from the bundle, or Bun running the fixture as it is. */
async function spawn(kind: string, servers: string, storage: 'file' | 'memory'): Promise<ChildInstance> {
  const child =
    kind === 'bun'
      ? await spawnInstance(BUN, [BUN_FIXTURE, servers, prefix, storage])
      : await spawnInstance(process.execPath, [bundle, kind, servers, prefix, storage])
  children.push(child)
  return child
}

describe.skipIf(!runNatsTests)('durable topics on NATS JetStream under chaos (10 msg/s, node-ws, express and Bun)', () => {
  it('kill -9 of one instance mid-stream, then a rolling restart: durable followers lose and repeat nothing', async () => {
    cleanup(async () => {
      // The shared server keeps streams: remove this run's.
      const nc = await connect({ servers: SHARED_NATS })
      await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined)
      await nc.close()
    })
    const local = await localInstance(SHARED_NATS, prefix, 'memory')
    cleanup(() => local.close())
    await killThenRollingRestart({
      local,
      spawn: (kind) => spawn(kind, SHARED_NATS, 'memory'),
      kinds: ['express', 'bun'],
      cleanup,
      rate: RATE,
    })
    expect(local.log.lines).toEqual([])
  }, 45_000)
})

describe.skipIf(!runOwnNatsTests)('durable topics across a NATS restart (a nats-server this test owns, JetStream on disk)', () => {
  it('a NATS restart (1 s outage): durable followers lose and repeat nothing', async () => {
    const nats = await OwnNats.start()
    cleanup(() => nats.dispose())
    const [a, b] = await Promise.all([localInstance(nats.url, prefix, 'file'), localInstance(nats.url, prefix, 'file')])
    cleanup(() => Promise.all([a.close(), b.close()]))
    await brokerRestart({
      name: 'nats restart',
      instances: [a, b],
      kill: () => nats.kill(),
      restart: () => nats.restart(),
      cleanup,
      rate: RATE,
      // docs/scaling.md: a publish whose append failed and was retried in the outage may follow later ones.
      retriedMayReorder: true,
    })
    // The outage was reported to each instance's error hook (recorded, not printed).
    for (const instance of [a, b]) expect(instance.log.lines.some((line) => line.includes('PUBSUB_ERROR'))).toBe(true)
  }, 45_000)
})
