export type { NatsClientOptions } from './nats-link.js'
export { createNatsPubSub, type NatsPubSub, type NatsPubSubOptions } from './nats-pubsub.js'
export { topicToken } from './subjects.js'
export { createJetStreamHistory, type JetStreamHistory, type JetStreamHistoryOptions } from './jetstream-history.js'
