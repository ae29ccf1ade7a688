import {
  brokerRestart,
  bunExecutable,
  bundleInstance,
  type ChildInstance,
  killThenRollingRestart,
  spawnInstance,
} from '@wsbridge/backplane-testkit'
import { Redis } from 'ioredis'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localInstance } from './local-instance.js'
import { OwnRedis, runRedisTests, SHARED_REDIS_URL } from './redis-server.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/instance.ts', import.meta.url))
const BUN_FIXTURE = fileURLToPath(new URL('./fixtures/bun-instance.ts', import.meta.url))
const BUN = bunExecutable(import.meta.url)

const prefix = `wsbridge-chaos:${process.pid}-${Date.now()}:`
const children: ChildInstance[] = []
let bundle = ''
beforeAll(() => void (bundle = bundleInstance(FIXTURE)))
const cleanups: (() => Promise<unknown>)[] = []
const cleanup = (step: () => Promise<unknown>): void => void cleanups.push(step)
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')))
  for (const step of cleanups.reverse()) await step().catch(() => undefined)
})

/** A child instance on Redis `url`: Node `ws` or Express from the bundle, or Bun running the fixture as it is. */
async function spawn(kind: string, url: string): Promise<ChildInstance> {
  const child =
    kind === 'bun'
      ? await spawnInstance(BUN, [BUN_FIXTURE, url, prefix])
      : await spawnInstance(process.execPath, [bundle, kind, url, prefix])
  children.push(child)
  return child
}

describe.skipIf(!runRedisTests)('durable topics on Redis under chaos (200 msg/s, three instances on node-ws, express and Bun)', () => {
  it('kill -9 of one instance mid-stream, then a rolling restart: durable followers lose and repeat nothing', async () => {
    const local = await localInstance(SHARED_REDIS_URL, prefix)
    cleanup(() => local.close())
    await killThenRollingRestart({ local, spawn: (kind) => spawn(kind, SHARED_REDIS_URL), kinds: ['express', 'bun'], cleanup })
    expect(local.log.lines).toEqual([])
  }, 45_000)

  it('a Redis restart (1 s outage, AOF on): durable followers lose and repeat nothing', async () => {
    const redis = await OwnRedis.start(true)
    cleanup(() => redis.kill())
    const [a, b] = await Promise.all([localInstance(redis.url, prefix), localInstance(redis.url, prefix)])
    cleanup(() => Promise.all([a.close(), b.close()]))
    await brokerRestart({
      name: 'redis restart',
      instances: [a, b],
      kill: () => redis.kill(),
      restart: () => redis.restart(),
      cleanup,
    })
    // The outage was reported to each instance's error hook (recorded, not printed), and Redis kept the log.
    for (const instance of [a, b]) expect(instance.log.lines.some((line) => line.includes('PUBSUB_ERROR'))).toBe(true)
    const keys = new Redis(redis.url)
    expect(await keys.xlen(`${prefix}history:news`)).toBeGreaterThan(0)
    await keys.quit()
  }, 45_000)
})
