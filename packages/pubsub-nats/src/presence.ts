import type { ClusterPresence, PresenceMember, PubSubSink } from '@wsbridge/core'
import type { NatsConnection, Subscription } from '@nats-io/nats-core'
import type { Subjects } from './subjects.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Presence asked of the live instances instead of stored. An instance with local members of a topic
 * answers requests on `<prefix>.p.<topic token>` with them; `list` sends one request, gathers the
 * answers until none arrives for `wait` ms, and adds its own members. Nothing is stored, so there is
 * nothing to expire or rebuild: a crashed instance stops answering at once, and after a NATS restart
 * the client's own resubscription brings the answers back.
 */
export class NatsPresence implements ClusterPresence {
  readonly #connection: () => NatsConnection | undefined
  readonly #connected: () => boolean
  readonly #sink: () => PubSubSink | undefined
  readonly #subjects: Subjects
  readonly #wait: number
  /** Topics with local members and the subscription that answers for them (undefined until connected). */
  readonly #answering: Map<string, Subscription | undefined> = new Map()

  constructor(options: {
    connection: () => NatsConnection | undefined
    connected: () => boolean
    sink: () => PubSubSink | undefined
    subjects: Subjects
    wait: number
  }) {
    this.#connection = options.connection
    this.#connected = options.connected
    this.#sink = options.sink
    this.#subjects = options.subjects
    this.#wait = options.wait
  }

  joined(topic: string): void {
    if (this.#answering.has(topic)) return
    this.#answering.set(topic, undefined)
    this.#answer(topic)
  }

  left(topic: string): void {
    if ((this.#sink()?.members(topic).length ?? 0) > 0) return
    this.#answering.get(topic)?.unsubscribe()
    this.#answering.delete(topic)
  }

  async list(topic: string): Promise<PresenceMember[]> {
    const nc = this.#connection()
    if (!nc || !this.#connected()) throw new Error('[wsbridge/pubsub-nats] presence: NATS is not connected')
    const members = [...(this.#sink()?.members(topic) ?? [])]
    let answers: AsyncIterable<{ data: Uint8Array }>
    try {
      answers = await nc.requestMany(this.#subjects.presence(topic), undefined, {
        strategy: 'stall',
        stall: this.#wait,
        maxWait: this.#wait * 20,
      })
    } catch (error) {
      if (isNoResponders(error)) return members
      throw error
    }
    try {
      for await (const answer of answers) members.push(...parseAnswer(answer.data))
    } catch (error) {
      // No other instance has members of this topic: the server says so at once.
      if (!isNoResponders(error)) throw error
    }
    return members
  }

  /** Subscribes the answering subjects of topics joined before the first connection. */
  attach(): void {
    for (const [topic, subscription] of this.#answering) if (!subscription) this.#answer(topic)
  }

  clear(): void {
    for (const subscription of this.#answering.values()) subscription?.unsubscribe()
    this.#answering.clear()
  }

  #answer(topic: string): void {
    const nc = this.#connection()
    if (!nc) return
    const subscription = nc.subscribe(this.#subjects.presence(topic), {
      callback: (error, request) => {
        if (error) return
        const members = this.#sink()?.members(topic) ?? []
        request.respond(encoder.encode(JSON.stringify(members.map((m) => ({ id: m.id, u: m.user })))))
      },
    })
    this.#answering.set(topic, subscription)
  }
}

function isNoResponders(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoRespondersError' || /no responders/i.test(error.message))
}

/** An answer from another instance; anything malformed (not ours) counts as no members. */
function parseAnswer(data: Uint8Array): PresenceMember[] {
  try {
    const parsed = JSON.parse(decoder.decode(data)) as unknown
    if (!Array.isArray(parsed)) return []
    return parsed.flatMap((entry: { id?: unknown; u?: unknown }) =>
      typeof entry?.id === 'string' ? [{ id: entry.id, user: entry.u }] : [],
    )
  } catch {
    return []
  }
}
