import type { HistoryRetention } from '@wsbridge/core'

/** Topics whose trim state is kept; past this the longest-known one is forgotten (and trimmed afresh). */
const TOPICS_KEPT = 10_000

interface TrimState {
  /** Appends since the last trim by count. */
  appends: number
  /** When the last trim by age started, in ms since 1970. */
  agedAt: number
  running: Promise<void> | undefined
}

/**
 * When appends trim their topic. A trim is several JetStream requests (a purge; for age, the newest
 * entry and a binary search for the cutoff), which cost more than the append itself when run on
 * every write. So a topic is trimmed by count on its first append here and then once per tenth of
 * `maxLength` appends (it holds at most about 10% more than asked: the contract's approximate
 * trimming), and by age at most once per `ageEvery` ms; one trim per topic at a time. A failed
 * trim is dropped: the entry is stored, and the next trim catches up.
 */
export class TopicTrims {
  readonly #state = new Map<string, TrimState>()
  readonly #trim: (topic: string, retention: HistoryRetention) => Promise<void>
  readonly #ageEvery: number

  constructor(trim: (topic: string, retention: HistoryRetention) => Promise<void>, ageEvery: number) {
    this.#trim = trim
    this.#ageEvery = ageEvery
  }

  /** After an append to `topic`: starts the trim that came due and answers it, or undefined. */
  after(topic: string, retention: HistoryRetention): Promise<void> | undefined {
    const { maxLength, maxAge } = retention
    if (maxLength === undefined && maxAge === undefined) return undefined
    let state = this.#state.get(topic)
    const first = state === undefined
    if (!state) {
      if (this.#state.size >= TOPICS_KEPT) this.#state.delete(this.#state.keys().next().value ?? '')
      this.#state.set(topic, (state = { appends: 0, agedAt: 0, running: undefined }))
    }
    state.appends++
    if (state.running) return undefined
    const now = Date.now()
    const byCount = maxLength !== undefined && (first || state.appends >= Math.max(1, Math.floor(maxLength / 10)))
    const byAge = maxAge !== undefined && now - state.agedAt >= this.#ageEvery
    if (!byCount && !byAge) return undefined
    if (byCount) state.appends = 0
    if (byAge) state.agedAt = now
    const trimmed = state
    const running = this.#trim(topic, { maxLength: byCount ? maxLength : undefined, maxAge: byAge ? maxAge : undefined })
      .catch(() => undefined)
      .finally(() => {
        trimmed.running = undefined
      })
    state.running = running
    return running
  }
}
