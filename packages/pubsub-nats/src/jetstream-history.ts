import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream'
import { headers, type NatsConnection, nanos } from '@nats-io/nats-core'
import { connect } from '@nats-io/transport-node'
import type { HistoryAppendOptions, HistoryDriver, HistoryPosition, HistoryRead, HistoryRetention } from '@wsbridge/core'
import { AppendQueue } from './append-queue.js'
import { duplicateOf, isStreamMissing, isWrongLastSequence, SEQ_HEADER, TopicLog, topicSeq } from './history-log.js'
import type { NatsClientOptions } from './nats-link.js'
import { checkPrefix, topicToken } from './subjects.js'
import { TopicTrims } from './topic-trims.js'

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
  /** Appends trim their topic by age at most this often, in ms; by count, once per tenth of `maxLength` appends. Default 1000. */
  readonly ageTrimEvery?: number
}

/** The history driver `createJetStreamHistory` returns: pass it as `history` to `createBridge` on every instance. */
export interface JetStreamHistory extends HistoryDriver {
  /** The stream holding every topic's log. */
  readonly stream: string
}

/** A topic's newest entry as this process last stored or read it: its stream seq and its topic seq. */
interface Head {
  readonly streamSeq: number
  readonly seq: number
}

interface Stream {
  readonly epoch: string
  readonly js: JetStreamClient
  readonly jsm: JetStreamManager
  /** Topics' heads, so an append publishes at once instead of first reading the head (a round trip). */
  readonly heads: Map<string, Head>
}

const CAS_ATTEMPTS = 50
/** Topics whose head is remembered; past this the longest-known one is forgotten (and read again when needed). */
const HEADS_KEPT = 10_000

/**
 * A history driver on NATS JetStream: one stream per prefix, one subject per topic. Each entry
 * carries its per-topic seq in a header; an append reads the topic's newest entry and publishes
 * seq + 1 on the condition that the newest entry is still that one (JetStream's expected last
 * subject sequence), so instances appending at once never share or skip a seq. The newest entry is
 * remembered from this process's last append to the topic, so an append is one publish round trip
 * unless another instance appended meanwhile (then the condition fails, and the head is read). Retried appends are
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
  const queue = new AppendQueue()

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
    return { epoch: info.created, js: jetstream(nc, api), jsm, heads: new Map() }
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

  const logOf = (s: Stream, topic: string): TopicLog => new TopicLog(s.jsm, s.js, streamName, `${prefix}.h.${topicToken(topic)}`)

  const trims = new TopicTrims((topic, retention) => withStream((s) => logOf(s, topic).trim(retention)), options.ageTrimEvery ?? 1000)

  const remember = (s: Stream, topic: string, head: Head): void => {
    s.heads.delete(topic)
    if (s.heads.size >= HEADS_KEPT) s.heads.delete(s.heads.keys().next().value ?? '')
    s.heads.set(topic, head)
  }

  const publish = (topic: string, frame: string, id: string | undefined): Promise<HistoryPosition> =>
    withStream(async (s) => {
      const log = logOf(s, topic)
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        let head = s.heads.get(topic)
        if (!head) {
          const newest = await log.newest()
          head = { streamSeq: newest?.seq ?? 0, seq: newest ? topicSeq(newest) : 0 }
        }
        const seq = head.seq + 1
        const h = headers()
        h.set(SEQ_HEADER, String(seq))
        // Until this publish answers, the remembered head is unproven: forget it, so a failure re-reads it.
        s.heads.delete(topic)
        try {
          const ack = await s.js.publish(log.subject, frame, {
            headers: h,
            expect: { lastSubjectSequence: head.streamSeq },
            ...(id === undefined ? {} : { msgID: id }),
          })
          if (ack.duplicate) return await duplicateOf(log, ack.seq, s.epoch)
          remember(s, topic, { streamSeq: ack.seq, seq })
          return { epoch: s.epoch, seq }
        } catch (error) {
          // Another instance appended first (or the remembered head is stale): read the head and try the next seq.
          if (!isWrongLastSequence(error)) throw error
        }
      }
      throw new Error(`[wsbridge/pubsub-nats] history: ${CAS_ATTEMPTS} appends to ${JSON.stringify(topic)} lost the race in a row`)
    })

  return {
    name: 'jetstream',
    stream: streamName,
    queuesAppends: true,
    append(topic: string, frame: string, appendOptions: HistoryAppendOptions = {}): Promise<HistoryPosition> {
      return queue.run(
        topic,
        appendOptions.id,
        appendOptions.started,
        () => publish(topic, frame, appendOptions.id),
        () => trims.after(topic, appendOptions),
      )
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
      return withStream((s) => logOf(s, topic).trim(retention))
    },
    async close(): Promise<void> {
      const nc = connection
      connection = undefined
      stream = undefined
      await (await nc?.catch(() => undefined))?.drain()
    },
  }
}
