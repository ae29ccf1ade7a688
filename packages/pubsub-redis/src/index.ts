export { createRedisPubSub, type RedisPubSub, type RedisPubSubOptions } from './redis-pubsub.js'
// The envelope codec is shared by every backplane driver; re-exported here for tools written against earlier releases.
export { encodeEnvelope, decodeEnvelope, type Envelope } from '@wsbridge/core/adapter'
