import type { ClusterPresence, PresenceMember, PubSubSink } from '@wsbridge/core'
import type { Redis } from 'ioredis'

/**
 * Presence shared through Redis. Each instance owns one hash per topic,
 * `<prefix>presence:<topic>:<instance>` (member id → `{"u":user}`), with a TTL it keeps refreshing,
 * and registers itself in the set `<prefix>presence:<topic>`. Owning whole keys makes recovery
 * simple: after a reconnect the instance rewrites its keys from its local members (fixing joins
 * and leaves missed during the outage), and a crashed instance's members vanish when its keys
 * expire. `list` reads the set, then every instance's hash, and drops instances whose hash expired.
 */
export class RedisPresence implements ClusterPresence {
  readonly #client: () => Redis | undefined
  readonly #sink: () => PubSubSink | undefined
  readonly #prefix: string
  readonly #instanceId: string
  readonly #ttl: number
  readonly #failed: (error: unknown) => void
  /** Topics with local members: the keys this instance owns. */
  readonly #owned: Set<string> = new Set()
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(options: {
    client: () => Redis | undefined
    sink: () => PubSubSink | undefined
    prefix: string
    instanceId: string
    ttl: number
    failed: (error: unknown) => void
  }) {
    this.#client = options.client
    this.#sink = options.sink
    this.#prefix = options.prefix
    this.#instanceId = options.instanceId
    this.#ttl = options.ttl
    this.#failed = options.failed
  }

  joined(topic: string, member: PresenceMember): void {
    this.#owned.add(topic)
    this.#write((redis) =>
      redis
        .multi()
        .hset(this.#hash(topic), member.id, JSON.stringify({ u: member.user }))
        .sadd(this.#set(topic), this.#instanceId)
        .pexpire(this.#hash(topic), this.#ttl)
        .exec(),
    )
    this.#startRefreshing()
  }

  left(topic: string, memberId: string): void {
    if ((this.#sink()?.members(topic).length ?? 0) > 0) return void this.#write((redis) => redis.hdel(this.#hash(topic), memberId))
    this.#owned.delete(topic)
    this.#write((redis) => redis.multi().del(this.#hash(topic)).srem(this.#set(topic), this.#instanceId).exec())
  }

  async list(topic: string): Promise<PresenceMember[]> {
    const redis = this.#client()
    if (redis?.status !== 'ready') throw new Error('[wsbridge/pubsub-redis] presence: Redis is not connected')
    const instances = await redis.smembers(this.#set(topic))
    const hashes = await Promise.all(instances.map((instance) => redis.hgetall(this.#hash(topic, instance))))
    const members: PresenceMember[] = []
    hashes.forEach((fields, i) => {
      const entries = Object.entries(fields)
      // An empty hash is an expired one: that instance is gone, so tidy the set.
      if (entries.length === 0) void redis.srem(this.#set(topic), instances[i]!).catch(() => undefined)
      for (const [id, json] of entries) members.push({ id, user: (JSON.parse(json) as { u?: unknown }).u })
    })
    return members
  }

  /** Rewrites every key this instance owns from its local members (after each (re)connect). */
  resync(): void {
    const sink = this.#sink()
    for (const topic of this.#owned) {
      const members = sink?.members(topic) ?? []
      if (members.length === 0) {
        this.#owned.delete(topic)
        continue
      }
      const fields = members.flatMap((m) => [m.id, JSON.stringify({ u: m.user })])
      this.#write((redis) =>
        redis
          .multi()
          .del(this.#hash(topic))
          .hset(this.#hash(topic), ...fields)
          .sadd(this.#set(topic), this.#instanceId)
          .pexpire(this.#hash(topic), this.#ttl)
          .exec(),
      )
    }
  }

  /** Removes this instance's members from Redis (on close). */
  async clear(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
    const redis = this.#client()
    if (redis?.status !== 'ready' || this.#owned.size === 0) return
    const batch = redis.multi()
    for (const topic of this.#owned) batch.del(this.#hash(topic)).srem(this.#set(topic), this.#instanceId)
    this.#owned.clear()
    await batch.exec().catch((error: unknown) => this.#failed(error))
  }

  #startRefreshing(): void {
    if (this.#timer) return
    // Refresh at a third of the TTL so one missed round never expires a live instance's members.
    this.#timer = setInterval(
      () => {
        for (const topic of this.#owned) this.#write((redis) => redis.pexpire(this.#hash(topic), this.#ttl))
      },
      Math.max(100, Math.floor(this.#ttl / 3)),
    )
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  /** Writes while connected; otherwise skips (resync repairs the keys after the reconnect). */
  #write(command: (redis: Redis) => Promise<unknown>): void {
    const redis = this.#client()
    if (redis?.status !== 'ready') return
    command(redis).catch((error: unknown) => this.#failed(error))
  }

  #set(topic: string): string {
    return `${this.#prefix}presence:${topic}`
  }

  #hash(topic: string, instance = this.#instanceId): string {
    return `${this.#prefix}presence:${topic}:${instance}`
  }
}
