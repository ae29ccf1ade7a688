/**
 * What every cluster-bench instance serves, whatever its adapter: `/sub` subscribes to one topic,
 * `/pub` publishes every message it receives to it. The backplane comes from the environment:
 * CLUSTER_BACKPLANE=none|redis|nats, CLUSTER_DURABLE=1 for a durable topic (its log on the
 * backplane's server: history-redis, or JetStream with NATS), and
 * CLUSTER_PREFIX, unique per run and configuration, so no two runs or configurations (nor anyone
 * else on the shared Redis/NATS) see each other's messages.
 */
import { defineRoute, type BridgeOptions } from '@wsbridge/core'
import { createRedisHistory } from '@wsbridge/history-redis'
import { createJetStreamHistory, createNatsPubSub } from '@wsbridge/pubsub-nats'
import { createRedisPubSub } from '@wsbridge/pubsub-redis'

export const CLUSTER_TOPIC = 'cluster'
export const REDIS_URL = 'redis://127.0.0.1:6379'
export const NATS_URL = '127.0.0.1:4222'

/** The JetStream stream a configuration's durable topic is logged in: unique per run and configuration. */
export const clusterStream = (prefix: string): string => `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_HISTORY`

export const clusterRoutes = {
  sub: defineRoute({ kind: 'ws', handler: { onOpen: (connection) => connection.subscribe(CLUSTER_TOPIC), onMessage: () => undefined } }),
  pub: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => void connection.publish(CLUSTER_TOPIC, message) } }),
}

export function clusterOptions(env: Record<string, string | undefined> = process.env): BridgeOptions {
  const prefix = env['CLUSTER_PREFIX'] ?? 'wsbench-local'
  const backplane = env['CLUSTER_BACKPLANE'] ?? 'none'
  // Limits a load test from one address trips by design are lifted, as in targets/wsbridge-routes.ts.
  const base: BridgeOptions = { maxConnectionsPerIp: 0, rateLimit: { messages: 1_000_000_000, interval: 1000 }, logger: false }
  const pubsub =
    backplane === 'redis'
      ? createRedisPubSub({ url: REDIS_URL, prefix: `${prefix}:` })
      : backplane === 'nats'
        ? createNatsPubSub({ servers: NATS_URL, prefix: prefix.replaceAll(':', '.') })
        : undefined
  if (backplane !== 'none' && !pubsub) throw new Error(`[bench] unknown CLUSTER_BACKPLANE ${backplane}`)
  if (env['CLUSTER_DURABLE'] !== '1') return { ...base, ...(pubsub ? { pubsub } : {}) }
  const history =
    backplane === 'nats'
      ? createJetStreamHistory({ servers: NATS_URL, prefix: prefix.replaceAll(':', '.'), stream: clusterStream(prefix) })
      : createRedisHistory({ url: REDIS_URL, prefix: `${prefix}:history:` })
  return { ...base, ...(pubsub ? { pubsub } : {}), durable: { topics: [CLUSTER_TOPIC], history } }
}
