import type { HistoryPosition } from '@wsbridge/core'

interface Queued {
  readonly answer: Promise<HistoryPosition>
  /** Settles when the append leaves its topic's queue. */
  readonly started: Promise<void>
}

/**
 * One topic's appends, one after another in this process: each conditional publish needs the
 * stream seq the previous one was stored at, so appends to a topic cannot overlap without racing
 * each other's condition (appends to different topics run at once). Each append's `started` is
 * called as it leaves the queue, so the bridge's timeout measures the append and not its wait.
 * An append retried with the id of one still queued or in flight (the bridge retries an append
 * whose answer is late) joins that first attempt instead of queueing another behind it: on a
 * loaded machine each extra attempt lengthened the queue that made the first one late.
 */
export class AppendQueue {
  readonly #tails = new Map<string, Promise<unknown>>()
  readonly #byId = new Map<string, Queued>()

  /**
   * Queues `publish` behind `topic`'s earlier appends; a retry of an id already here joins it. The
   * answer also waits for `after` (a trim that came due), which the next append does not wait for.
   */
  run(
    topic: string,
    id: string | undefined,
    started: (() => void) | undefined,
    publish: () => Promise<HistoryPosition>,
    after: (position: HistoryPosition) => Promise<void> | undefined,
  ): Promise<HistoryPosition> {
    const key = id === undefined ? undefined : `${topic}\n${id}`
    const joined = key === undefined ? undefined : this.#byId.get(key)
    if (joined) {
      if (started) void joined.started.then(started)
      return joined.answer
    }
    let markStarted: () => void = () => undefined
    const startedOnce = new Promise<void>((resolve) => (markStarted = resolve))
    const step = (): Promise<HistoryPosition> => {
      markStarted()
      started?.()
      return publish()
    }
    const published = (this.#tails.get(topic) ?? Promise.resolve()).then(step, step)
    const answer = published.then(async (position) => {
      await after(position)
      return position
    })
    const tail = published.catch(() => undefined)
    this.#tails.set(topic, tail)
    void tail.then(() => this.#tails.get(topic) === tail && this.#tails.delete(topic))
    if (key === undefined) return answer
    this.#byId.set(key, { answer, started: startedOnce })
    void answer.then(
      () => this.#byId.delete(key),
      () => this.#byId.delete(key),
    )
    return answer
  }
}
