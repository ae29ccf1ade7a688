import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { historyContract } from '../../core/test/history/contract.js'
import { createRedisHistory } from '../src/index.js'
import { runRedisTests, SHARED_REDIS_URL } from './redis-server.js'

const run = `${process.pid}-${Date.now()}`
let n = 0
const prefix = `wsbridge-test:${run}:`

describe.skipIf(!runRedisTests)('redis history', () => {
  afterAll(async () => {
    const redis = new Redis(SHARED_REDIS_URL)
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  })
  historyContract(
    'redis',
    () => createRedisHistory({ url: SHARED_REDIS_URL, prefix }),
    () => `topic-${++n}`,
  )

  it('two clients (two instances) share one position space per topic', async () => {
    const a = createRedisHistory({ url: SHARED_REDIS_URL, prefix })
    const b = createRedisHistory({ url: SHARED_REDIS_URL, prefix })
    const topic = `shared-${++n}`
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).append(topic, String(i))))
    expect(seqs.map((p) => p.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(new Set(seqs.map((p) => p.epoch)).size).toBe(1)
    await Promise.all([a.close(), b.close()])
  })
})
