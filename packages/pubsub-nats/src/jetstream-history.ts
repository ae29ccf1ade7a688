import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream'
import { headers, type NatsConnection, nanos } from '@nats-io/nats-core'
import { connect } from '@nats-io/transport-node'
import type { HistoryAppendOptions, HistoryDriver, HistoryPosition, HistoryRead, HistoryRetention } from '@wsbridge/core'
import { duplicateOf, isStreamMissing, isWrongLastSequence, SEQ_HEADER, TopicLog, topicSeq } from './history-log.js'
import type { NatsClientOptions } from './nats-pubsub.js'
import { checkPrefix, topicToken } from './subjects.js'

/** Options of `createJetStreamHistory`: where NATS is, and the stream that holds every topic's log. */
export interface JetStreamHistoryOptions {
  /** `host:port` or `nats://host:port`, or several for a cluster. Default `127.0.0.1:4222`. */
  readonly servers?: string | readonly string[]
  /** NATS client options (user, pass, token, tls, reconnectTimeWait …). */
  readonly nats?: NatsClientOptions
  /** First token(s) of every subject; topic `t` is logged on `<prefix>.h.<token of t>`. Default `wsbridge`. */
  readonly prefix?: string
  /** The stream, created if missing. Default: the prefix in capitals with `_HISTORY` (`WSBRIDGE_HISTORY`). */
  readonly stream?: string
  /** Where the stream keeps messages. Default `file` (survives a server restart). */
  readonly storage?: 'file' | 'memory'
  /** Milliseconds a JetStream request may take before it fails. Default 5000. */
  readonly timeout?: number
  /** How long append ids are remembered for retries, in ms (at least 60000). Default 120000. */
  readonly duplicateWindow?: number
}

/** The history driver `createJetStreamHistory` returns: pass it as `history` to `createBridge` on every instance. */
export interface JetStreamHistory extends HistoryDriver {
  /** The stream holding every topic's log. */
  readonly stream: string
}

interface Stream {
  readonly epoch: string
  readonly js: JetStreamClient
  readonly jsm: JetStreamManager
}

const CAS_ATTEMPTS = 50

/**
 * A history driver on NATS JetStream: one stream per prefix, one subject per topic. Each entry
 * carries its per-topic seq in a header; an append reads the topic's newest entry and publishes
 * seq + 1 on the condition that the newest entry is still that one (JetStream's expected last
 * subject sequence), so instances appending at once never share or skip a seq. Retried appends are
 * deduplicated by `Nats-Msg-Id`. The epoch is the stream's creation time: a stream created anew (a
 * server that lost its data) is a new epoch. Trimming keeps each topic's newest entry, where its
 * count lives. See docs/scaling.md.
 *
 * @example
 * const history = createJetStreamHistory({ servers: process.env.NATS_URL })
 */
export function createJetStreamHistory(options: JetStreamHistoryOptions = {}): JetStreamHistory {
  const prefix = checkPrefix(options.prefix ?? 'wsbridge')
  const streamName = options.stream ?? `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_HISTORY`
  const servers =
    options.servers === undefined ? ['127.0.0.1:4222'] : typeof options.servers === 'string' ? [options.servers] : [...options.servers]
  let connection: Promise<NatsConnection> | undefined
  let stream: Promise<Stream> | undefined
  const queues = new Map<string, Promise<unknown>>()
  // Appends by id still queued or in flight. A caller that gave up waiting (core retries an append
  // whose answer is late, with the same id) joins the first attempt instead of queueing another
  // behind it: on a loaded machine each extra attempt lengthened the queue that made the first one late.
  const appending = new Map<string, Promise<HistoryPosition>>()

  const open = async (): Promise<Stream> => {
    connection ??= connect({ maxReconnectAttempts: -1, ...options.nats, servers })
    const nc = await connection
    const api = options.timeout === undefined ? {} : { timeout: options.timeout }
    const jsm = await jetstreamManager(nc, api)
    let info = await jsm.streams.info(streamName).catch((error: unknown) => {
      if (isStreamMissing(error)) return undefined
      throw error
    })
    info ??= await jsm.streams.add({
      name: streamName,
      subjects: [`${prefix}.h.>`],
      storage: options.storage === 'memory' ? 'memory' : 'file',
      allow_direct: true,
      duplicate_window: nanos(Math.max(60_000, options.duplicateWindow ?? 120_000)),
    })
    return { epoch: info.created, js: jetstream(nc, api), jsm }
  }

  /** Runs `task` on the stream; if the stream vanished (deleted, or a server that lost its data), recreates it once. */
  const withStream = async <T>(task: (s: Stream) => Promise<T>): Promise<T> => {
    const current = (stream ??= open())
    try {
      return await task(await current)
    } catch (error) {
      // A direct get on a missing stream times out rather than saying so: ask the stream API.
      const resolved = await current.catch(() => undefined)
      const missing =
        isStreamMissing(error) || (resolved && (await resolved.jsm.streams.info(streamName).then(() => false, isStreamMissing)))
      if (!missing) throw error
      if (stream === current) stream = open()
      return task(await stream)
    }
  }

  /** Appends to one topic run one after another in this process, so they do not race each other's condition. */
  const serially = <T>(topic: string, task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(topic) ?? Promise.resolve()).then(task, task)
    const tail = run.catch(() => undefined)
    queues.set(topic, tail)
    void tail.then(() => queues.get(topic) === tail && queues.delete(topic))
    return run
  }

  const logOf = (s: Stream, topic: string): TopicLog => new TopicLog(s.jsm.direct, s.js, streamName, `${prefix}.h.${topicToken(topic)}`)

  const trimLog = async (s: Stream, log: TopicLog, retention: HistoryRetention): Promise<void> => {
    if (retention.maxLength !== undefined)
      await s.jsm.streams.purge(streamName, { filter: log.subject, keep: Math.max(1, Math.floor(retention.maxLength)) })
    if (retention.maxAge === undefined) return
    const newest = await log.newest()
    if (!newest) return
    const cutoff = Date.now() - retention.maxAge
    const first = await log.earliest(1, newest, (entry) => entry.time.getTime() >= cutoff)
    // Purging below `first` drops the older entries; the newest stays even when old (it holds the count).
    if (first.seq > 1) await s.jsm.streams.purge(streamName, { filter: log.subject, seq: first.seq })
  }

  const appendSerially = (topic: string, frame: string, appendOptions: HistoryAppendOptions): Promise<HistoryPosition> =>
    serially(topic, () =>
      withStream(async (s) => {
        const log = logOf(s, topic)
        for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
          const newest = await log.newest()
          const seq = (newest ? topicSeq(newest) : 0) + 1
          const h = headers()
          h.set(SEQ_HEADER, String(seq))
          try {
            const ack = await s.js.publish(log.subject, frame, {
              headers: h,
              expect: { lastSubjectSequence: newest?.seq ?? 0 },
              ...(appendOptions.id === undefined ? {} : { msgID: appendOptions.id }),
            })
            const position = ack.duplicate ? await duplicateOf(log, ack.seq, s.epoch) : { epoch: s.epoch, seq }
            if (appendOptions.maxLength !== undefined || appendOptions.maxAge !== undefined) await trimLog(s, log, appendOptions)
            return position
          } catch (error) {
            // Another instance appended first: read its entry and try the next seq.
            if (!isWrongLastSequence(error)) throw error
          }
        }
        throw new Error(`[wsbridge/pubsub-nats] history: ${CAS_ATTEMPTS} appends to ${JSON.stringify(topic)} lost the race in a row`)
      }),
    )

  return {
    name: 'jetstream',
    stream: streamName,
    append(topic: string, frame: string, appendOptions: HistoryAppendOptions = {}): Promise<HistoryPosition> {
      const key = appendOptions.id === undefined ? undefined : `${topic}\n${appendOptions.id}`
      const joined = key === undefined ? undefined : appending.get(key)
      if (joined) return joined
      const appended = appendSerially(topic, frame, appendOptions)
      if (key === undefined) return appended
      appending.set(key, appended)
      void appended.then(
        () => appending.delete(key),
        () => appending.delete(key),
      )
      return appended
    },
    read(topic: string, position: HistoryPosition | undefined, limit: number): Promise<HistoryRead> {
      return withStream(async (s) => {
        const log = logOf(s, topic)
        const newest = await log.newest()
        if (!newest) return { epoch: s.epoch, entries: [], floor: 0, last: 0 }
        const last = topicSeq(newest)
        const oldest = (await log.next(1)) ?? newest
        const floor = Math.max(0, topicSeq(oldest) - 1)
        const after = position?.epoch === s.epoch && Number.isFinite(position.seq) ? Math.floor(position.seq) : 0
        const from = Math.max(after + 1, floor + 1)
        const count = Math.min(Math.max(0, Math.floor(limit)), last - from + 1)
        if (count <= 0) return { epoch: s.epoch, entries: [], floor, last }
        const first = from === floor + 1 ? oldest : await log.earliest(oldest.seq, newest, (e) => topicSeq(e) >= from)
        const entries = await log.range(first, count)
        return { epoch: s.epoch, entries, floor, last }
      })
    },
    trim(topic: string, retention: HistoryRetention): Promise<void> {
      return withStream((s) => trimLog(s, logOf(s, topic), retention))
    },
    async close(): Promise<void> {
      const nc = connection
      connection = undefined
      stream = undefined
      await (await nc?.catch(() => undefined))?.drain()
    },
  }
}
