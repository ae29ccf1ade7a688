import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream'
import type { HistoryEntry, HistoryPosition, HistoryRetention } from '@wsbridge/core'

const decoder = new TextDecoder()
/** Reads this long or shorter take a get per entry; longer ones stream through a consumer (a fixed few round trips). */
const GETS_UP_TO = 8

/** The header that carries an entry's per-topic seq (JetStream's own seq counts the whole stream). */
export const SEQ_HEADER = 'Wsbridge-Seq'

/** One topic's entries in the stream: direct gets by subject, so reads leave no consumer behind. */
export class TopicLog {
  readonly #jsm: JetStreamManager
  readonly #js: JetStreamClient
  readonly #stream: string
  readonly subject: string

  constructor(jsm: JetStreamManager, js: JetStreamClient, stream: string, subject: string) {
    this.#jsm = jsm
    this.#js = js
    this.#stream = stream
    this.subject = subject
  }

  /** The newest entry, or null for a topic never appended to. */
  newest(): Promise<StoredMsg | null> {
    return this.#jsm.direct.getMessage(this.#stream, { last_by_subj: this.subject })
  }

  /** The first entry of this topic at stream seq `from` or later. */
  next(from: number): Promise<StoredMsg | null> {
    return this.#jsm.direct.getMessage(this.#stream, { next_by_subj: this.subject, seq: Math.max(1, from) })
  }

  /** The entry at stream seq `seq` (an acknowledged append's). */
  at(seq: number): Promise<StoredMsg | null> {
    return this.#jsm.direct.getMessage(this.#stream, { seq })
  }

  /** Drops entries beyond `retention` from the oldest end; the newest stays even when old (it holds the count). */
  async trim(retention: HistoryRetention): Promise<void> {
    if (retention.maxLength !== undefined)
      await this.#jsm.streams.purge(this.#stream, { filter: this.subject, keep: Math.max(1, Math.floor(retention.maxLength)) })
    if (retention.maxAge === undefined) return
    const newest = await this.newest()
    if (!newest) return
    const cutoff = Date.now() - retention.maxAge
    const first = await this.earliest(1, newest, (entry) => entry.time.getTime() >= cutoff)
    // Purging below `first` drops the older entries.
    if (first.seq > 1) await this.#jsm.streams.purge(this.#stream, { filter: this.subject, seq: first.seq })
  }

  /** Up to `count` entries from `first` on, ascending: all there are, up to `count`. */
  async range(first: StoredMsg, count: number): Promise<HistoryEntry[]> {
    const entries = [entryOf(first)]
    let after = first.seq
    if (count > GETS_UP_TO) {
      const consumer = await this.#js.consumers.get(this.#stream, {
        filter_subjects: this.subject,
        deliver_policy: 'by_start_sequence',
        opt_start_seq: first.seq + 1,
      })
      try {
        const messages = await consumer.fetch({ max_messages: count - 1, expires: 5000 })
        for await (const message of messages) {
          entries.push(entryOf(message))
          after = message.seq
          if (entries.length >= count) break
        }
      } finally {
        await consumer.delete().catch(() => undefined)
      }
    }
    // A fetch may end with fewer than it asked for (a loaded or restarted server); gets finish the
    // range, because the bridge takes a short answer for the end of the log and would skip the rest.
    let entry: StoredMsg | null = null
    while (entries.length < count && (entry = await this.next(after + 1))) {
      entries.push(entryOf(entry))
      after = entry.seq
    }
    return entries
  }

  /**
   * The earliest entry between stream seqs `low` and `high` for which `wanted` holds, given that it
   * holds for the entry at `high` and, once true, for every later entry (seqs and times only grow).
   * A binary search over stream seqs: about log2(high - low) gets, whatever the topic's length.
   */
  async earliest(low: number, high: StoredMsg, wanted: (entry: StoredMsg) => boolean): Promise<StoredMsg> {
    let found = high
    let lo = low
    let hi = high.seq
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2)
      const entry = await this.next(mid)
      if (!entry || entry.seq > found.seq) lo = mid + 1
      else if (wanted(entry)) {
        found = entry
        hi = mid
      } else lo = entry.seq + 1 // every position from mid to entry.seq leads to this same entry
    }
    return found
  }
}

/** The headers, bytes and time of a logged message, whether read by a get or through a consumer. */
interface Logged {
  readonly data: Uint8Array
  readonly time: Date
  readonly header?: { get(key: string): string } | undefined
  readonly headers?: { get(key: string): string } | undefined
}

function entryOf(message: Logged): HistoryEntry {
  return { seq: topicSeq(message), frame: decoder.decode(message.data), at: message.time.getTime() }
}

/** An entry's per-topic seq; 0 for a message some other writer put on our subject without one. */
export function topicSeq(entry: Logged): number {
  const value = Number((entry.header ?? entry.headers)?.get(SEQ_HEADER))
  return Number.isSafeInteger(value) && value > 0 ? value : 0
}

/** The position of the entry a duplicate append first stored. */
export async function duplicateOf(log: TopicLog, streamSeq: number, epoch: string): Promise<HistoryPosition> {
  const first = await log.at(streamSeq)
  if (!first) throw new Error('[wsbridge/pubsub-nats] history: the first copy of a retried append is gone')
  return { epoch, seq: topicSeq(first) }
}

export function isStreamMissing(error: unknown): boolean {
  return error instanceof Error && /stream not found|no stream matches|no responders/i.test(error.message)
}

export function isWrongLastSequence(error: unknown): boolean {
  return error instanceof Error && /wrong last sequence/i.test(error.message)
}
