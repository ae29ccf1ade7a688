import { brokerRestart, chaosRun, killThenRollingRestart, localInstance } from '@wsbridge/backplane-testkit'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { instanceOptions } from './fixtures/options.js'
import { OwnRedis, runRedisTests, SHARED_REDIS_URL } from './redis-server.js'

const prefix = `wsbridge-chaos:${process.pid}-${Date.now()}:`
const { spawn, cleanup } = chaosRun(new URL('./fixtures/options.ts', import.meta.url))
/** An instance in this process with this run's setup on Redis `url` (fixtures/options.ts). */
const local = (url: string) => localInstance(instanceOptions(url, prefix))

describe.skipIf(!runRedisTests)('durable topics on Redis under chaos (200 msg/s, three instances on node-ws, express and Bun)', () => {
  it('kill -9 of one instance mid-stream, then a rolling restart: durable followers lose and repeat nothing', async () => {
    const instance = await local(SHARED_REDIS_URL)
    cleanup(() => instance.close())
    await killThenRollingRestart({
      local: instance,
      spawn: (kind) => spawn(kind, SHARED_REDIS_URL, prefix),
      kinds: ['express', 'bun'],
      cleanup,
    })
    expect(instance.log.lines).toEqual([])
  }, 45_000)

  it('a Redis restart (1 s outage, AOF on): durable followers lose and repeat nothing', async () => {
    const redis = await OwnRedis.start(true)
    cleanup(() => redis.kill())
    const [a, b] = await Promise.all([local(redis.url), local(redis.url)])
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
