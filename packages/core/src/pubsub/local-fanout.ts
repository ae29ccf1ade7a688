import type { Frame } from './driver.js'
import { isExcluded, type Excluded, type HubMember, type HubMemberAccess } from './hub-member.js'
import type { TopicIndex } from './topic-index.js'

/** One topic, one send per member (and so each member's own policies); returns deliveries. */
export function sendToEach<M extends HubMember>(
  members: ReadonlySet<M>,
  frame: Frame,
  excluded: Excluded<M>,
  access: HubMemberAccess<M>,
): number {
  let delivered = 0
  for (const member of members) if (!isExcluded(member, excluded) && access.sendFrame(member, frame, true) === 'sent') delivered++
  return delivered
}

/**
 * Several topics: one send to each member of `topics[from..to)` that is not a member of any topic
 * before `from` (the remote-dedup rule; a local publish covers every topic from 0). Native fan-out
 * is not used here because it cannot deduplicate across topics.
 */
export function sendToTopics<M extends HubMember>(
  index: TopicIndex<M>,
  topics: readonly string[],
  range: readonly [from: number, to: number],
  frame: Frame,
  excluded: Excluded<M>,
  access: HubMemberAccess<M>,
): number {
  const [from, to] = range
  const seen = new Set<M>()
  for (let i = 0; i < from; i++) for (const m of index.members(topics[i]!) ?? []) seen.add(m)
  let delivered = 0
  for (let i = from; i < to; i++) {
    for (const member of index.members(topics[i]!) ?? []) {
      if (seen.has(member) || isExcluded(member, excluded)) continue
      seen.add(member)
      if (access.sendFrame(member, frame, true) === 'sent') delivered++
    }
  }
  return delivered
}
