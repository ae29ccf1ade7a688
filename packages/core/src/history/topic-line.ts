import type { HistoryPosition } from './driver.js'

/**
 * One durable topic as this instance delivers it: the last position fanned out to local
 * subscribers, and a queue that runs every delivery, hole fill and replay for the topic one at a
 * time, so local subscribers see the log's order with no holes and no repeats.
 */
export class TopicLine<M> {
  /** Unset until the first position is known. */
  epoch: string | undefined
  last = 0
  /** Members being replayed to: live fan-out skips them until their replay has caught up. */
  readonly resuming: Set<M> = new Set()
  /** The read of the log's head that starts the line (see DurableTopics.subscribed). */
  starting: Promise<void> | undefined
  /** Local publishes still waiting for the log. */
  pending = 0
  #tail: Promise<void> = Promise.resolve()
  #queued = 0

  readonly topic: string

  constructor(topic: string) {
    this.topic = topic
  }

  get idle(): boolean {
    return this.#queued === 0 && this.pending === 0 && this.resuming.size === 0
  }

  get position(): HistoryPosition | undefined {
    return this.epoch === undefined ? undefined : { epoch: this.epoch, seq: this.last }
  }

  /** Runs `task` after every task queued before it; a failure goes to `report` and does not stop the queue. */
  run(task: () => Promise<void>, report: (error: unknown) => void): Promise<void> {
    this.#queued++
    const next = this.#tail.then(task).catch(report)
    this.#tail = next.finally(() => {
      this.#queued--
    })
    return next
  }

  /** Settles when every task queued so far has run. */
  drained(): Promise<void> {
    return this.#tail
  }
}
