export { createRedisHistory, type HistoryClientOptions, type RedisHistory, type RedisHistoryOptions } from './redis-history.js'
