import type { PubSubDriver, PubSubMessage, PubSubSink } from './driver.js'
import type { PresenceMember } from './presence.js'

/** Links bridges inside one process, as Redis links them across processes. */
export interface MemoryPubSubBus {
  /** A new driver on this bus; give each bridge its own. */
  driver(): PubSubDriver
}

interface Peer {
  readonly topics: Set<string>
  sink: PubSubSink | undefined
}

/**
 * An in-process bus of drivers: a publish on one bridge reaches subscribers on every other bridge
 * of the bus, with the same rules as the Redis driver (never back to the publishing bridge,
 * includeSelf by sender id, per-publisher order). Useful for tests and for several servers in one
 * process (for example one on Node `ws` and one on Hono sharing rooms). Delivery to other bridges
 * happens in a microtask, as it would after a network hop.
 */
export function createMemoryPubSubBus(): MemoryPubSubBus {
  const peers: Set<Peer> = new Set()
  // Shared presence: topic → member id → member, across every bridge of the bus.
  const present: Map<string, Map<string, PresenceMember>> = new Map()
  return {
    driver(): PubSubDriver {
      const self: Peer = { topics: new Set(), sink: undefined }
      return {
        name: 'memory',
        start(sink) {
          if (self.sink) throw new Error('[wsbridge] a pub/sub driver serves one bridge; create one per bridge')
          self.sink = sink
          peers.add(self)
        },
        subscribe: (topic) => void self.topics.add(topic),
        unsubscribe: (topic) => void self.topics.delete(topic),
        publish(message: PubSubMessage) {
          for (const peer of peers) {
            if (peer === self) continue
            const topics = message.topics.filter((topic) => peer.topics.has(topic))
            if (topics.length > 0) queueMicrotask(() => topics.forEach((topic) => peer.sink?.deliver(message, topic)))
          }
        },
        presence: {
          joined: (topic, member) => void (present.get(topic) ?? present.set(topic, new Map()).get(topic)!).set(member.id, member),
          left: (topic, memberId) => {
            const members = present.get(topic)
            if (members?.delete(memberId) && members.size === 0) present.delete(topic)
          },
          list: async (topic) => [...(present.get(topic)?.values() ?? [])],
        },
        async close() {
          peers.delete(self)
          self.topics.clear()
        },
      }
    },
  }
}
