import { type ResumeGap, setupBridge } from '@wsbridge/core/client'
import WebSocket from 'ws'
import { feedRoutes } from './feed-routes.js'

/** A client of `feed` that records what it receives per topic, and the gaps it is told of. */
export interface Follower {
  readonly news: number[]
  readonly chat: number[]
  readonly gaps: ResumeGap[]
  close(): void
}

/** Follows `feed` at `baseUrl` (a balancer's URL), reconnecting quickly and resuming where it was. */
export function follow(baseUrl: string): Follower {
  const news: number[] = []
  const chat: number[] = []
  const gaps: ResumeGap[] = []
  const { $ws } = setupBridge(feedRoutes, { baseUrl, WebSocket, reconnect: { initialDelay: 50, maxDelay: 200 } })
  const connection = $ws.feed(
    {},
    {
      onMessage: (message) => {
        const { t, i } = message as { t: string; i: number }
        ;(t === 'news' ? news : chat).push(i)
      },
      onResumeGap: (gap) => void gaps.push(gap),
    },
  )
  return { news, chat, gaps, close: () => connection.close() }
}

/** What a follower's topic shows: duplicates, order breaks and messages missing between its first and `last`. */
export interface Audit {
  readonly lost: number
  readonly duplicated: number
  readonly reordered: number
}

/** Audits one follower's record of a topic whose messages were numbered 1…`last` by `publishers` interleaved publishers. */
export function audit(received: number[], last: number, publishers = 1): Audit {
  let duplicated = 0
  const seen = new Set<number>()
  for (const i of received) {
    if (seen.has(i)) duplicated++
    seen.add(i)
  }
  const reordered = outOfOrder(received, publishers).length
  // Each publisher's appends reach the log in its own order, but two publishers' appends race: a
  // follower that joins between them may rightly start at 4 with 5 logged before it. So what it
  // should have is counted per publisher, from the first of that publisher's messages it received;
  // a publisher it received nothing from counts from its first message overall.
  const overall = received.length > 0 ? Math.min(...received) : last + 1
  let expected = 0
  for (let p = 0; p < publishers; p++) {
    const mine = [...seen].filter((i) => i % publishers === p)
    const first = mine.length > 0 ? Math.min(...mine) : overall
    for (let i = first; i <= last; i++) if (i % publishers === p) expected++
  }
  return { lost: expected - seen.size, duplicated, reordered }
}

/** The messages received after a later one of the same publisher (message i came from publisher i % publishers). */
export function outOfOrder(received: number[], publishers = 1): number[] {
  const late: number[] = []
  const seen = new Set<number>()
  const latest = new Map<number, number>()
  for (const i of received) {
    if (!seen.has(i) && (latest.get(i % publishers) ?? 0) > i) late.push(i)
    seen.add(i)
    latest.set(i % publishers, Math.max(i, latest.get(i % publishers) ?? 0))
  }
  return late
}
