/**
 * The history driver contract: a per-topic append-only log shared by every instance of a cluster,
 * so a client that reconnects to *another* instance is replayed exactly what it missed.
 *
 * Positions. Each topic's log has an `epoch` (a string naming one incarnation of that log) and a
 * sequence number `seq` per entry. Within one epoch, seq numbers are assigned by the log itself
 * (never by an instance), start at 1 and grow by exactly 1 per append, so every instance of the
 * cluster shares one position space per topic and a reader can tell a hole from the next entry.
 * The epoch changes only when continuity is lost (the log was created anew, or the broker lost its
 * data); positions from another epoch are never trusted.
 *
 * Trimming. Entries leave the log from the oldest end only, by count or by age. `floor` is the
 * highest seq the log no longer holds: every entry with seq ≤ floor may be gone, every entry with
 * floor < seq ≤ last is still readable. A reader at `after` has missed something only when its
 * epoch differs or `after < floor`; that is the one case core announces with a gap frame.
 *
 * Drivers: `createMemoryHistory` (one process, the default) and `@wsbridge/history-redis`
 * (Redis Streams). Implement this interface for another log (NATS JetStream, Kafka, a database).
 */

/** Where an entry sits in its topic's log. */
export interface HistoryPosition {
  /** Which incarnation of the topic's log: changes when the log lost its data, so old seqs mean nothing. */
  readonly epoch: string
  /** The message's place in the topic's log: assigned by the log, contiguous within an epoch. */
  readonly seq: number
}

/** One logged message. */
export interface HistoryEntry {
  /** Its place in the topic's log (see HistoryPosition). */
  readonly seq: number
  /** The message as published: its encoded JSON text, never a control frame. */
  readonly frame: string
  /** When it was appended, in milliseconds since 1970 (the age trimming is measured against). */
  readonly at: number
}

/** How much of a topic's log to keep. Unset limits keep everything. */
export interface HistoryRetention {
  /** Entries kept per topic. A driver may keep somewhat more (approximate trimming), never fewer. */
  readonly maxLength?: number | undefined
  /** Milliseconds an entry stays readable. A driver may keep older entries until its next trim. */
  readonly maxAge?: number | undefined
}

export interface HistoryAppendOptions extends HistoryRetention {
  /**
   * Unique per logical message. An append retried with the same id (after a timeout or a broker
   * reconnect) is stored once and answers the first append's position, so a retry never duplicates.
   * Drivers keep ids for at least 60 seconds.
   */
  readonly id?: string | undefined
  /**
   * Given only to a driver with `queuesAppends`: it calls this when the append leaves its queue and
   * goes to the log, which is when the bridge's per-attempt timeout starts.
   */
  readonly started?: (() => void) | undefined
}

/** The answer to a read. */
export interface HistoryRead {
  /** The log's current epoch. */
  readonly epoch: string
  /**
   * Entries after the position read from, ascending, at most `limit`: those with seq > position.seq
   * when the position's epoch is current, otherwise the oldest ones the log still holds.
   */
  readonly entries: readonly HistoryEntry[]
  /** Highest seq no longer held (0 when nothing was ever trimmed). */
  readonly floor: number
  /** Seq of the newest entry ever appended in this epoch (0 for an empty log). */
  readonly last: number
}

/**
 * A per-topic log (`history` in `createBridge` options). Every method is safe to call for a topic
 * that was never appended to (an empty log: `floor` 0, `last` 0). Failures reject the promise;
 * the bridge retries appends and reports errors to its error hook.
 */
export interface HistoryDriver {
  /** Shown in errors, e.g. `redis`. */
  readonly name: string
  /**
   * True for a driver that holds appends in a queue of its own (JetStream runs one topic's appends
   * one after another) and calls each one's `started` as it leaves it. The bridge then times an
   * attempt from `started`, not from the call, so a burst queued behind fast appends does not time
   * out; the wait in the queue is bounded by the retry budget alone. Unset: timed from the call.
   */
  readonly queuesAppends?: boolean
  /** Appends `frame` to `topic`'s log and answers its position (the log assigns the seq). */
  append(topic: string, frame: string, options?: HistoryAppendOptions): Promise<HistoryPosition>
  /**
   * Reads `topic`'s entries after `position`. With no position, or one from another epoch, it reads
   * from the oldest entry the current epoch still holds. `limit` caps the entries answered.
   */
  read(topic: string, position: HistoryPosition | undefined, limit: number): Promise<HistoryRead>
  /** Drops entries beyond `retention` from `topic`'s oldest end. */
  trim(topic: string, retention: HistoryRetention): Promise<void>
  /** Releases connections. Called by `bridge.close()`. */
  close(): Promise<void>
}
