export { createRedisHistory, type HistoryClientOptions, type RedisHistory, type RedisHistoryOptions } from './redis-history.js'
export { createRedisRequestDedupe, type RedisRequestDedupe, type RedisRequestDedupeOptions } from './redis-request-dedupe.js'
