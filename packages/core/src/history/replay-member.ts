import { gapFrame, stampFrame } from '../control-frames.js'
import type { HistoryPosition, HistoryRead } from './driver.js'
import type { TopicLine } from './topic-line.js'

/** Entries read from the log at a time. */
export const PAGE = 500

/** What a replay needs from DurableTopics. */
export interface ReplayContext<M> {
  /** A page of the log after `from` (retried through short outages). */
  read(topic: string, from: HistoryPosition): Promise<HistoryRead>
  send(member: M, frame: string): unknown
  /** Brings the whole line up to `target` (exclusive), for every live member. */
  fill(line: TopicLine<M>, target: HistoryPosition): Promise<void>
}

/** Sends `member` the log after `from`, up to what the line has delivered, announcing what is gone. */
export async function replayTo<M>(context: ReplayContext<M>, line: TopicLine<M>, member: M, from: HistoryPosition): Promise<void> {
  let after = from
  for (;;) {
    const read = await context.read(line.topic, after)
    if (line.epoch !== read.epoch) {
      // First use of the topic here, or the log changed: the line starts from the log's head.
      if (line.epoch !== undefined) await context.fill(line, { epoch: read.epoch, seq: read.last + 1 })
      line.epoch = read.epoch
      line.last = read.last
    }
    const sameEpoch = after.epoch === read.epoch
    // A position the log never had (a hostile or stale client) is reset to the log's head.
    if (sameEpoch && after.seq > read.last) context.send(member, gapFrame(line.topic, read.epoch, after.seq, read.last + 1))
    else if (!sameEpoch || after.seq < read.floor)
      context.send(member, gapFrame(line.topic, read.epoch, sameEpoch ? after.seq : 0, read.floor + 1))
    for (const entry of read.entries) {
      if (entry.seq > line.last) return
      context.send(member, stampFrame(line.topic, read.epoch, entry.seq, entry.frame))
      after = { epoch: read.epoch, seq: entry.seq }
    }
    if (read.entries.length < PAGE || after.seq >= line.last) return
  }
}
