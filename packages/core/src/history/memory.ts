import type { HistoryAppendOptions, HistoryDriver, HistoryEntry, HistoryPosition, HistoryRead, HistoryRetention } from './driver.js'

/** Options of `createMemoryHistory`. */
export interface MemoryHistoryOptions {
  /** Topics kept; past it the least recently appended topic's log is dropped (its epoch ends). @default 10000 */
  readonly maxTopics?: number
}

interface TopicLog {
  readonly epoch: string
  last: number
  floor: number
  readonly entries: HistoryEntry[]
  /** Append ids seen recently, for retries: id → [seq, expires at]. */
  readonly ids: Map<string, readonly [seq: number, expires: number]>
}

const ID_TTL = 60_000

function newEpoch(): string {
  return crypto.randomUUID().slice(0, 8)
}

/**
 * The default history driver: one process's memory. Gives a single instance durable-mode semantics
 * (positions, retention, gap frames) but nothing survives a restart, and other instances cannot
 * read it; use `@wsbridge/history-redis` for a cluster.
 */
export function createMemoryHistory(options: MemoryHistoryOptions = {}): HistoryDriver {
  const maxTopics = Math.max(1, options.maxTopics ?? 10_000)
  const logs = new Map<string, TopicLog>()

  const logOf = (topic: string, create: boolean): TopicLog | undefined => {
    const existing = logs.get(topic)
    if (existing || !create) return existing
    if (logs.size >= maxTopics) {
      // Map order is append recency (see append), so the first key is the stalest log.
      const stalest = logs.keys().next().value
      if (stalest !== undefined) logs.delete(stalest)
    }
    const log: TopicLog = { epoch: newEpoch(), last: 0, floor: 0, entries: [], ids: new Map() }
    logs.set(topic, log)
    return log
  }

  const trimLog = (log: TopicLog, retention: HistoryRetention, now: number): void => {
    let drop = 0
    if (retention.maxLength !== undefined) drop = Math.max(0, log.entries.length - Math.max(0, retention.maxLength))
    if (retention.maxAge !== undefined) {
      const cutoff = now - retention.maxAge
      while (drop < log.entries.length && log.entries[drop]!.at < cutoff) drop++
    }
    if (drop === 0) return
    log.floor = log.entries[drop - 1]!.seq
    log.entries.splice(0, drop)
  }

  return {
    name: 'memory',
    append(topic: string, frame: string, appendOptions: HistoryAppendOptions = {}): Promise<HistoryPosition> {
      const log = logOf(topic, true)!
      const now = Date.now()
      const id = appendOptions.id
      if (id !== undefined) {
        const seen = log.ids.get(id)
        if (seen && seen[1] > now) return Promise.resolve({ epoch: log.epoch, seq: seen[0] })
      }
      const seq = ++log.last
      log.entries.push({ seq, frame, at: now })
      if (id !== undefined) {
        log.ids.set(id, [seq, now + ID_TTL])
        // Ids are inserted in time order, so expired ones are at the front.
        for (const [old, [, expires]] of log.ids) {
          if (expires > now) break
          log.ids.delete(old)
        }
      }
      trimLog(log, appendOptions, now)
      logs.delete(topic)
      logs.set(topic, log)
      return Promise.resolve({ epoch: log.epoch, seq })
    },
    read(topic: string, position: HistoryPosition | undefined, limit: number): Promise<HistoryRead> {
      const log = logOf(topic, true)!
      const after = position && position.epoch === log.epoch ? position.seq : 0
      const entries: HistoryEntry[] = []
      const max = Math.max(0, Math.floor(limit))
      // Seqs are contiguous, so the first entry after `after` sits at a computable index.
      const first = log.entries[0]?.seq ?? log.last + 1
      for (let i = Math.max(0, after + 1 - first); i < log.entries.length && entries.length < max; i++) entries.push(log.entries[i]!)
      return Promise.resolve({ epoch: log.epoch, entries, floor: log.floor, last: log.last })
    },
    trim(topic: string, retention: HistoryRetention): Promise<void> {
      const log = logOf(topic, false)
      if (log) trimLog(log, retention, Date.now())
      return Promise.resolve()
    },
    close(): Promise<void> {
      logs.clear()
      return Promise.resolve()
    },
  }
}
