import { roomTopic, type Bridge } from '@wsbridge/core'
import type { ServerMessage } from './protocol.js'

/**
 * The member list of each chat room, published to the room whenever someone joins or leaves it.
 * The list comes from `bridge.clusterPresence`, so with the Redis backplane (presence on) it spans
 * every instance; on a single instance it is this instance's members. Returns the unsubscribe.
 */
export function publishRoomPresence(bridge: Bridge, route = 'chat'): () => void {
  const prefix = roomTopic(route, '')
  const scheduled = new Set<string>()

  async function publish(topic: string): Promise<void> {
    const members = await bridge.clusterPresence(topic)
    const names = members
      .map((member) => (member.user as { name?: unknown } | undefined)?.name)
      .filter((name): name is string => typeof name === 'string')
    const message: ServerMessage = { type: 'presence', room: topic.slice(prefix.length), users: [...new Set(names)].sort() }
    bridge.publish(topic, message)
  }

  return bridge.onPresence(({ topic }) => {
    if (!topic.startsWith(prefix) || scheduled.has(topic)) return
    // One list per burst of joins/leaves, sent once the membership change (and the driver's write
    // of it, which goes out first on the same Redis connection) is done.
    scheduled.add(topic)
    setTimeout(() => {
      scheduled.delete(topic)
      publish(topic).catch((error: unknown) => console.error('[chat] presence:', error))
    }, 0)
  })
}
