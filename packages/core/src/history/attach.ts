import type { ConnectionImpl } from '../connection.js'
import { connectionInternals } from '../connection.js'
import type { PubSubHub } from '../pubsub/hub.js'
import { ResumeStore } from '../resume.js'
import type { Routes } from '../route.js'
import { isTextRoute } from '../text-route.js'
import { isJson, resumeStamp } from '../text-frames.js'
import type { DurableOptions } from './durable-options.js'
import { DurableTopics } from './durable-topics.js'

/** How a bridge replays missed messages to a connection that subscribes to a topic. */
export interface Replay {
  subscribed(connection: ConnectionImpl, topic: string): void
  close(): Promise<void>
}

/**
 * Wires both kinds of resume into a bridge's hub: durable topics (a shared log, when `durable` is
 * given) and, for the other topics of `resume` routes, the per-instance buffer (resume.ts).
 */
export function attachReplay(
  hub: PubSubHub<ConnectionImpl>,
  routes: Routes,
  durableOptions: DurableOptions | undefined,
  report: (error: unknown) => void,
): Replay {
  const send = (member: ConnectionImpl, frame: string): unknown => connectionInternals.sendFrame(member, frame)
  // Only bridges with a `resume` route stamp topic messages (resume.ts).
  const resume = Object.values(routes).some((route) => route.resume)
    ? new ResumeStore<ConnectionImpl>((topic) => hub.subscriberCount(topic) > 0, send)
    : undefined
  if (resume) hub.stamp = resumeStamp(resume, routes)
  const durable = durableOptions
    ? new DurableTopics<ConnectionImpl>(durableOptions, {
        members: (topic) => hub.members(topic),
        send,
        forward: (topic, frame, senderId) => hub.forward(topic, frame, senderId),
        error: report,
      })
    : undefined
  if (durable) {
    const textRoutes = Object.values(routes).some(isTextRoute)
    hub.durable = {
      // A stamped frame embeds the message as JSON: a text route's non-JSON frame is not logged.
      claims: (topics, frame) =>
        topics.length === 1 && typeof frame === 'string' && durable.owns(topics[0]!) && (!textRoutes || isJson(frame)),
      publish: (topic, frame, sender) => durable.publish(topic, frame, sender),
      remote: (topic, frame, senderId) => durable.remote(topic, frame, senderId),
    }
  }
  return {
    subscribed(connection, topic) {
      if (durable?.owns(topic)) return durable.subscribed(connection, topic)
      const resumeOptions = routes[connection.route]?.resume
      if (resume && resumeOptions) resume.subscribed(connection, topic, resumeOptions)
    },
    close: async () => durable?.close(),
  }
}
