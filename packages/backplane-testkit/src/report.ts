import { expect } from 'vitest'
import { type Audit, audit, type Follower, outOfOrder } from './followers.js'

/** What one chaos scenario measured, per follower: printed as one JSON line for the docs' figures. */
export interface ChaosFigures {
  readonly name: string
  readonly published: number
  readonly news: Audit[]
  readonly chatLost: number[]
  readonly chatDuplicated: number[]
  readonly chatGaps: number[]
}

/** How the non-durable topic may lose messages in a scenario (docs/scaling.md, "Durable topics"). */
export type ChatLoss =
  /** Only a move to another instance may lose or repeat: every follower that did is told by a gap frame. */
  | 'announced'
  /** The backplane was away while followers stayed connected: loss is silent (at most once), never a duplicate. */
  | 'silent'

/**
 * Audits every follower and asserts the durable guarantee: on `news` nothing lost, nothing
 * duplicated, per-publisher order kept, every follower seeing one and the same log order up to
 * `last`. `publishers` interleaved publishers number messages i ≡ publisher (mod publishers).
 * The non-durable `chat` is only counted, and checked against `chat` (see `ChatLoss`).
 */
export function chaosReport(
  name: string,
  followers: Follower[],
  last: number,
  publishers: number,
  chat: ChatLoss,
  /** Publish numbers (inclusive) whose append may have failed and been retried in an outage: the one documented exception to publisher order. */
  retried?: readonly [number, number],
): ChaosFigures {
  const news = followers.map((f) => audit(f.news, last, publishers))
  const chats = followers.map((f) => audit(f.chat, last, publishers))
  const figures: ChaosFigures = {
    name,
    published: last,
    news,
    chatLost: chats.map((c) => c.lost),
    chatDuplicated: chats.map((c) => c.duplicated),
    chatGaps: followers.map((f) => f.gaps.filter((g) => g.topic === 'chat').length),
  }
  console.log(JSON.stringify(figures))
  const longest = followers.reduce((a, f) => (f.news.length > a.length ? f.news : a), [] as number[])
  for (const [k, follower] of followers.entries()) {
    const late = outOfOrder(follower.news, publishers)
    expect({ lost: news[k]!.lost, duplicated: news[k]!.duplicated }, `news of follower ${k}`).toEqual({ lost: 0, duplicated: 0 })
    const unexplained = late.filter((i) => !retried || i < retried[0] || i > retried[1])
    expect(unexplained, `news of follower ${k} out of publisher order outside a retried append`).toEqual([])
    expect(follower.news.at(-1)).toBe(last)
    expect(longest.slice(longest.length - follower.news.length), `log order of follower ${k}`).toEqual(follower.news)
    // The durable topic never needs a gap frame here: the log holds everything the scenario publishes.
    expect(follower.gaps.filter((g) => g.topic === 'news')).toEqual([])
    const lossy = chats[k]!.lost + chats[k]!.duplicated > 0
    if (chat === 'announced' && lossy) expect(figures.chatGaps[k], `gap frame for follower ${k}`).toBeGreaterThan(0)
    if (chat === 'silent') expect(chats[k]!.duplicated, `chat duplicates of follower ${k}`).toBe(0)
  }
  return figures
}
