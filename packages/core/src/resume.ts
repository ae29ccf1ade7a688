import { gapFrame, parseResumePositions, RESUME_QUERY_PARAM, stampFrame } from './control-frames.js'

/**
 * Resume after reconnect, server half. A route opts in with `resume: true` or `resume: { buffer }`.
 * Every topic a connection of such a route subscribes to becomes a *resume topic*: from then on each
 * text message published to it is stamped `{"~":"msg","t","e","s","d"}` (see control-frames.ts) and
 * kept in a bounded per-topic buffer. A reconnecting client names its last seen `[epoch, seq]` per
 * topic in the upgrade URL; when its connection subscribes to a topic again, the messages it missed
 * are sent first, then live ones. What the buffer no longer holds is announced with a gap frame.
 *
 * Limits (documented in docs/client.md): per instance only (a driver's other instances keep their
 * own epochs); binary publishes are neither stamped nor buffered; a publish to several topics is
 * stamped and buffered under the first resume topic only; every subscriber of a resume topic gets
 * stamped frames, whatever its route.
 */

export interface ResumeOptions {
  /** Messages kept per topic. @default 100 */
  readonly buffer?: number
  /** Milliseconds a buffered message stays replayable. @default 300000 (5 minutes) */
  readonly maxAge?: number
}

interface Entry {
  readonly seq: number
  readonly at: number
  readonly frame: string
}

interface TopicBuffer {
  /** Changes whenever the buffer is (re)created, so old sequence numbers are never trusted. */
  readonly epoch: string
  seq: number
  size: number
  maxAge: number
  readonly entries: Entry[]
}

/** What the store needs from a connection. */
export interface ResumeMember {
  readonly url: URL
}

/** Sends a frame to a member, past nothing but the connection's own guard (the bridge supplies it). */
export type ResumeSend<M> = (member: M, frame: string) => unknown

const DEFAULT_BUFFER = 100
const DEFAULT_MAX_AGE = 300_000

export class ResumeStore<M extends ResumeMember> {
  readonly #topics: Map<string, TopicBuffer> = new Map()
  readonly #positions: WeakMap<M, Map<string, { epoch: string; seq: number }>> = new WeakMap()
  readonly #maxTopics: number
  readonly #inUse: (topic: string) => boolean
  readonly #send: ResumeSend<M>

  /** `inUse` tells whether a topic still has subscribers; only idle topics are evicted past `maxTopics`. */
  constructor(inUse: (topic: string) => boolean, send: ResumeSend<M>, maxTopics = 10_000) {
    this.#inUse = inUse
    this.#send = send
    this.#maxTopics = maxTopics
  }

  get topicCount(): number {
    return this.#topics.size
  }

  /** Whether a publish to `topics` would be stamped: one of them is a resume topic. */
  stamps(topics: readonly string[]): boolean {
    for (const topic of topics) if (this.#topics.has(topic)) return true
    return false
  }

  /** Stamps and buffers a publish to `topics` under the first resume topic; other frames pass unchanged. */
  stamp(topics: readonly string[], frame: string | Uint8Array): string | Uint8Array {
    if (typeof frame !== 'string') return frame
    for (const topic of topics) {
      const buffer = this.#topics.get(topic)
      if (!buffer) continue
      const seq = ++buffer.seq
      const stamped = stampFrame(topic, buffer.epoch, seq, frame)
      buffer.entries.push({ seq, at: Date.now(), frame: stamped })
      if (buffer.entries.length > buffer.size) buffer.entries.shift()
      // Map order doubles as recency order for eviction.
      this.#topics.delete(topic)
      this.#topics.set(topic, buffer)
      return stamped
    }
    return frame
  }

  /** A connection of a resume route subscribed to `topic`: make it a resume topic and replay what the client missed. */
  subscribed(member: M, topic: string, options: ResumeOptions | true): void {
    const buffer = this.#ensure(topic, options === true ? {} : options)
    let positions = this.#positions.get(member)
    if (!positions) {
      positions = parseResumePositions(member.url.searchParams.get(RESUME_QUERY_PARAM))
      this.#positions.set(member, positions)
    }
    const position = positions.get(topic)
    if (!position) return
    positions.delete(topic) // replay once per connection and topic
    const cutoff = Date.now() - buffer.maxAge
    while (buffer.entries.length > 0 && buffer.entries[0]!.at < cutoff) buffer.entries.shift()
    const next = buffer.entries[0]?.seq ?? buffer.seq + 1
    const after = position.epoch === buffer.epoch ? position.seq : 0
    if (position.epoch !== buffer.epoch || after + 1 < next) this.#send(member, gapFrame(topic, buffer.epoch, after, next))
    for (const entry of buffer.entries) if (entry.seq > after) this.#send(member, entry.frame)
  }

  #ensure(topic: string, options: ResumeOptions): TopicBuffer {
    const size = Math.max(1, options.buffer ?? DEFAULT_BUFFER)
    const maxAge = options.maxAge ?? DEFAULT_MAX_AGE
    const existing = this.#topics.get(topic)
    if (existing) {
      // Routes sharing a topic share its buffer; the most generous settings win.
      existing.size = Math.max(existing.size, size)
      existing.maxAge = Math.max(existing.maxAge, maxAge)
      return existing
    }
    this.#evictIdle()
    const buffer: TopicBuffer = { epoch: crypto.randomUUID().slice(0, 8), seq: 0, size, maxAge, entries: [] }
    this.#topics.set(topic, buffer)
    return buffer
  }

  #evictIdle(): void {
    if (this.#topics.size < this.#maxTopics) return
    for (const topic of this.#topics.keys()) {
      if (this.#topics.size < this.#maxTopics) return
      if (!this.#inUse(topic)) this.#topics.delete(topic)
    }
  }
}
