// crossws hooks shared by crossws-node.ts and crossws-bun.ts.
import type { Hooks, Peer } from 'crossws'
import { FAN_TOPIC, reencode } from './ready.js'

const fanPeers = new WeakSet<Peer>()

export const hooks: Partial<Hooks> = {
  open(peer) {
    if (new URL(peer.request.url).pathname !== '/fan') return
    fanPeers.add(peer)
    peer.subscribe(FAN_TOPIC)
  },
  message(peer, message) {
    const frame = reencode(message.text())
    // peer.publish excludes the sender; on Bun it is Bun's native publish.
    if (fanPeers.has(peer)) peer.publish(FAN_TOPIC, frame)
    else peer.send(frame)
  },
}
