import type { PubSubDriver, PubSubSink } from './driver.js'

/**
 * The topic that carries cluster control commands between bridges (`bridge.disconnectUser`,
 * `bridge.sendToUser`). Every bridge with a driver subscribes to it at start and publishes each
 * command on it as an ordinary message whose frame is the command's JSON; each bridge applies the
 * commands it receives to its own connections. A driver needs no code for it: it carries this topic
 * like any other (a driver may map it to a dedicated subject or channel). The `~` prefix cannot
 * clash with room or route topics (topics.ts).
 */
export const CONTROL_TOPIC = '~wsbridge:control'

/**
 * Wraps a driver so the control topic is the bridge's alone: commands arriving on it go to
 * `onCommand`, never to local subscribers; a connection that subscribes to or publishes on the same
 * name reaches only this instance's subscribers of it, never the channel, so no handler can forge
 * a command for another instance. `send` publishes a command to every other instance.
 */
export function withControlChannel(
  driver: PubSubDriver,
  onCommand: (frame: string | Uint8Array) => void,
): { readonly driver: PubSubDriver; send(command: string): void } {
  let started = false
  const wrapped: PubSubDriver = {
    name: driver.name,
    presence: driver.presence,
    start(sink: PubSubSink) {
      driver.start({
        ...sink,
        deliver: (message, via) => {
          if (via !== CONTROL_TOPIC) return sink.deliver(message, via)
          onCommand(message.frame)
          return 0
        },
      })
      started = true
      guard(sink, () => driver.subscribe(CONTROL_TOPIC))
    },
    subscribe: (topic) => topic !== CONTROL_TOPIC && driver.subscribe(topic),
    unsubscribe: (topic) => topic !== CONTROL_TOPIC && driver.unsubscribe(topic),
    publish(message) {
      if (!message.topics.includes(CONTROL_TOPIC)) return driver.publish(message)
      const topics = message.topics.filter((topic) => topic !== CONTROL_TOPIC)
      if (topics.length > 0) driver.publish({ ...message, topics })
    },
    close: () => driver.close(),
  }
  return {
    driver: wrapped,
    send(command) {
      if (started) driver.publish({ topics: [CONTROL_TOPIC], frame: command })
    },
  }
}

function guard(sink: PubSubSink, call: () => void): void {
  try {
    call()
  } catch (error) {
    sink.error(error)
  }
}
