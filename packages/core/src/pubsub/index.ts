export type { ClusterPresence, Frame, PubSubDriver, PubSubMessage, PubSubSink } from './driver.js'
export type { PresenceEvent, PresenceListener, PresenceMember } from './presence.js'
export { createMemoryPubSubBus, type MemoryPubSubBus } from './memory.js'
export { roomTopic, routeTopic } from './topics.js'
