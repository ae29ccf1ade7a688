import type { RedisPubSub } from '@wsbridge/pubsub-redis'

const READY_TIMEOUT_MS = 5000

/**
 * The Redis pub/sub driver when REDIS_URL is set, so rooms span every instance that shares the
 * Redis. Loaded only then: a single instance starts without ioredis and without any service.
 */
export async function createBackplane(redisUrl: string | undefined): Promise<RedisPubSub | undefined> {
  if (redisUrl === undefined) return undefined
  const { createRedisPubSub } = await import('@wsbridge/pubsub-redis')
  // presence: member lists of rooms span every instance (bridge.clusterPresence).
  return createRedisPubSub({ url: redisUrl, presence: true })
}

/** The driver connects once the bridge starts it; fail fast with a clear message if Redis is not there. */
export async function backplaneReady(pubsub: RedisPubSub, redisUrl: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`[chat] Redis at ${redisUrl} did not answer in ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    )
  })
  try {
    await Promise.race([pubsub.ready(), timeout])
  } finally {
    clearTimeout(timer)
  }
}
