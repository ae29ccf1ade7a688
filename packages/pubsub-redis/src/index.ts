export { createRedisPubSub, type RedisPubSub, type RedisPubSubOptions } from './redis-pubsub.js'
export { encodeEnvelope, decodeEnvelope, type Envelope } from './envelope.js'
