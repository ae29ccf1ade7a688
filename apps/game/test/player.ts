import WebSocket from 'ws'

/** A game client over a real socket that can wait for the next message matching a test. */
export interface Player {
  /** The connection id the server announced in `joined-lobby`. */
  readonly id: string
  readonly ws: WebSocket
  send(message: unknown): void
  /** The next unread message of `type` (that also passes `match`, if given). */
  next(type: string, match?: (message: Message) => boolean): Promise<Message>
  /** Every message received so far, in order. */
  readonly received: Message[]
}

// Test messages are read freely (`any`): the server validates its own output against the schema.
export type Message = Record<string, any>

export async function connectPlayer(url: string): Promise<Player> {
  const ws = new WebSocket(url)
  const received: Message[] = []
  const consumed = new Set<Message>()
  const waiting: { type: string; match: (m: Message) => boolean; resolve: (m: Message) => void }[] = []
  const take = (type: string, match: (m: Message) => boolean): Message | undefined => {
    const found = received.find((m) => !consumed.has(m) && m['type'] === type && match(m))
    if (found) consumed.add(found)
    return found
  }
  ws.on('message', (data) => {
    // The route resumes its rooms: room messages come stamped (`{"~":"msg",…,"d":message}`).
    const frame = JSON.parse(String(data)) as Message
    received.push(frame['~'] === 'msg' ? (frame['d'] as Message) : frame)
    for (const waiter of [...waiting]) {
      const message = take(waiter.type, waiter.match)
      if (message) {
        waiting.splice(waiting.indexOf(waiter), 1)
        waiter.resolve(message)
      }
    }
  })
  const next = (type: string, match: (m: Message) => boolean = () => true): Promise<Message> => {
    const message = take(type, match)
    return message ? Promise.resolve(message) : new Promise((resolve) => waiting.push({ type, match, resolve }))
  }
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const lobby = await next('joined-lobby')
  return { id: String(lobby['playerId']), ws, send: (message) => ws.send(JSON.stringify(message)), next, received }
}
