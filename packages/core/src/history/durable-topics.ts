import { gapFrame, stampFrame } from '../control-frames.js'
import type { Excluded, HubMember } from '../pubsub/hub-member.js'
import { isExcluded } from '../pubsub/hub-member.js'
import type { HistoryDriver, HistoryPosition } from './driver.js'
import { type DurableOptions, durableMatcher } from './durable-options.js'
import { createMemoryHistory } from './memory.js'
import { ClientPositions } from './client-positions.js'
import { PAGE, type ReplayContext, replayTo } from './replay-member.js'
import { retrying } from './retrying.js'
import { stampedPosition } from './stamped.js'
import { TopicLine } from './topic-line.js'

/** What durable delivery needs from the bridge. */
export interface DurableHost<M> {
  members(topic: string): ReadonlySet<M> | undefined
  send(member: M, frame: string): unknown
  /** Carries a stamped frame to the other instances (the pub/sub driver). */
  forward(topic: string, frame: string, senderId: string | undefined): void
  error(error: unknown): void
}

/**
 * Durable topics (see DurableOptions): a local publish is appended to the log first (retried
 * with the same id, so never twice), then stamped with the log's position, fanned out here and
 * forwarded. Every frame, local or from another instance, passes its topic's TopicLine, which
 * fills holes the at-most-once backplane left from the log before delivering; a resuming member
 * is replayed from its own position inside the same queue, then joins the live fan-out.
 */
export class DurableTopics<M extends HubMember & { readonly url: URL }> {
  readonly history: HistoryDriver
  readonly owns: (topic: string) => boolean
  readonly #lines = new Map<string, TopicLine<M>>()
  readonly #positions = new ClientPositions<M>()
  readonly #host: DurableHost<M>
  readonly #retention: { maxLength: number; maxAge: number }
  readonly #maxPending: number
  readonly #instance = crypto.randomUUID()
  #counter = 0
  #closed = false
  readonly #timer: ReturnType<typeof setInterval> | undefined
  readonly #replaying: ReplayContext<M> = {
    read: (topic, from) =>
      retrying(
        () => this.history.read(topic, from, PAGE),
        () => this.#closed,
      ),
    send: (member, frame) => this.#host.send(member, frame),
    fill: (line, target) => this.#fill(line, target),
  }

  constructor(options: DurableOptions, host: DurableHost<M>) {
    this.history = options.history ?? createMemoryHistory()
    this.owns = durableMatcher(options.topics)
    this.#host = host
    this.#retention = { maxLength: options.maxLength ?? 1000, maxAge: options.maxAge ?? 300_000 }
    this.#maxPending = options.maxPending ?? 10_000
    const poll = options.poll ?? 1000
    this.#timer = poll > 0 ? setInterval(() => this.#poll(), poll) : undefined
    ;(this.#timer as { unref?: () => void } | undefined)?.unref?.()
  }

  /** A local publish: log it, then deliver it here and forward it. */
  publish(topic: string, frame: string, sender: M | undefined): void {
    const line = this.#line(topic)
    if (line.pending >= this.#maxPending) {
      this.#host.error(new Error(`durable topic ${topic}: ${line.pending} publishes wait for the log; message dropped`))
      return
    }
    line.pending++
    const id = `${this.#instance}:${++this.#counter}`
    // Appends start at once (a pipelined connection keeps them in order); deliveries wait their turn.
    const queued = this.history.queuesAppends === true // then the attempt's timeout runs from `started`
    const appended = retrying(
      (started) => this.history.append(topic, frame, { id, ...this.#retention, ...(queued ? { started } : {}) }),
      () => this.#closed,
      { queued },
    )
    appended.catch(() => undefined)
    void line.run(async () => {
      try {
        const position = await appended
        const stamped = stampFrame(topic, position.epoch, position.seq, frame)
        this.#host.forward(topic, stamped, sender?.id)
        await this.#advance(line, position, stamped, sender)
      } finally {
        line.pending--
      }
    }, this.#host.error)
  }

  /** A stamped frame from another instance. */
  remote(topic: string, frame: string, senderId: string | undefined): number | undefined {
    const position = stampedPosition(topic, frame)
    if (!position) return undefined
    const line = this.#line(topic)
    void line.run(() => this.#advance(line, position, frame, senderId), this.#host.error)
    return 0
  }

  /** `member` subscribed to durable `topic`; if its client named a position, replay what it missed first. */
  subscribed(member: M, topic: string): void {
    const from = this.#positions.take(member, topic)
    const line = this.#line(topic)
    // The first subscriber here starts the line at the log's head as of now (not in the queue,
    // which may wait for appends), so what is appended from now on reaches it whatever the backplane does.
    if (line.epoch === undefined && !line.starting) line.starting = this.#start(line).catch(this.#host.error)
    if (!from) return
    line.resuming.add(member)
    void line.run(async () => {
      try {
        await line.starting
        await replayTo(this.#replaying, line, member, from)
      } finally {
        line.resuming.delete(member)
      }
    }, this.#host.error)
  }

  async close(): Promise<void> {
    this.#closed = true
    if (this.#timer !== undefined) clearInterval(this.#timer)
    // Publishes still waiting for the log get a moment to land; then the log's connections close.
    const drained = Promise.all([...this.#lines.values()].map((line) => line.drained()))
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 5000))])
    await this.history.close()
  }

  #line(topic: string): TopicLine<M> {
    let line = this.#lines.get(topic)
    if (!line) this.#lines.set(topic, (line = new TopicLine(topic)))
    return line
  }

  async #start(line: TopicLine<M>): Promise<void> {
    const head = await retrying(
      () => this.history.read(line.topic, undefined, 0),
      () => this.#closed,
    )
    if (line.epoch !== undefined) return
    line.epoch = head.epoch
    line.last = head.last
  }

  /** Delivers the entry at `position` after filling any hole before it; repeats are dropped. */
  async #advance(line: TopicLine<M>, position: HistoryPosition, frame: string, excluded: Excluded<M>): Promise<void> {
    if (line.epoch === undefined) await line.starting
    if (line.epoch === undefined) {
      line.epoch = position.epoch
      line.last = position.seq - 1
    }
    if (position.epoch !== line.epoch || position.seq > line.last + 1) await this.#fill(line, position)
    if (position.epoch !== line.epoch || position.seq <= line.last) return
    this.#fanOut(line, frame, excluded)
    line.last = position.seq
  }

  /** Delivers from the log what lies between the line's position and `target` (exclusive). */
  async #fill(line: TopicLine<M>, target: HistoryPosition): Promise<void> {
    for (;;) {
      const read = await retrying(
        () => this.history.read(line.topic, line.position, PAGE),
        () => this.#closed,
      )
      if (read.epoch !== target.epoch) return // the log changed again meanwhile; the next frame retries
      if (read.epoch !== line.epoch || read.floor > line.last) {
        this.#fanOut(line, gapFrame(line.topic, read.epoch, read.epoch === line.epoch ? line.last : 0, read.floor + 1), undefined)
        line.epoch = read.epoch
        line.last = read.floor
      }
      for (const entry of read.entries) {
        if (entry.seq >= target.seq) return
        this.#fanOut(line, stampFrame(line.topic, read.epoch, entry.seq, entry.frame), undefined)
        line.last = entry.seq
      }
      if (read.entries.length < PAGE || line.last >= target.seq - 1) return
    }
  }

  #fanOut(line: TopicLine<M>, frame: string, excluded: Excluded<M>): void {
    for (const member of this.#host.members(line.topic) ?? []) {
      if (line.resuming.has(member) || isExcluded(member, excluded)) continue
      this.#host.send(member, frame)
    }
  }

  /** Catches up topics whose last entries the backplane never brought; forgets idle, unsubscribed ones. */
  #poll(): void {
    for (const [topic, line] of this.#lines) {
      if (!this.#host.members(topic)?.size) {
        if (line.idle) this.#lines.delete(topic)
        continue
      }
      if (line.epoch === undefined || !line.idle) continue
      void line.run(async () => {
        const head = await this.history.read(topic, line.position, 0)
        if (head.epoch !== line.epoch || head.last > line.last) await this.#fill(line, { epoch: head.epoch, seq: head.last + 1 })
      }, this.#host.error)
    }
  }
}
