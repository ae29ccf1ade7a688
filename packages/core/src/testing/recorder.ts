import type { PubSubDriver, PubSubMessage } from '../pubsub/driver.js'

/**
 * A pub/sub driver that records every publish the bridge makes (from handlers, `broadcast` and
 * `bridge.publish`) and forwards to the user's own driver, if any. The bridge still fans out to
 * its local subscribers itself, so recording changes nothing about delivery.
 */
export function recordingDriver(inner: PubSubDriver | undefined, record: (message: PubSubMessage) => void): PubSubDriver {
  return {
    name: inner ? `${inner.name}+recorder` : 'recorder',
    start: (sink) => inner?.start(sink),
    subscribe: (topic) => inner?.subscribe(topic),
    unsubscribe: (topic) => inner?.unsubscribe(topic),
    publish(message) {
      record(message)
      inner?.publish(message)
    },
    close: async () => inner?.close(),
  }
}
