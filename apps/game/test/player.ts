import WebSocket from 'ws'

/** A game client over a real socket that can wait for the next message of a given type. */
export interface Player {
  readonly id: string
  readonly ws: WebSocket
  send(message: unknown): void
  next(type: string): Promise<Record<string, unknown>>
  /** Every message received so far, in order. */
  readonly received: Record<string, unknown>[]
}

export async function connectPlayer(url: string): Promise<Player> {
  const ws = new WebSocket(url)
  const received: Record<string, unknown>[] = []
  const waiting: { type: string; resolve: (message: Record<string, unknown>) => void }[] = []
  let read = 0 // index of the first message no `next` has consumed yet
  const take = (type: string): Record<string, unknown> | undefined => {
    const index = received.findIndex((message, i) => i >= read && message['type'] === type)
    if (index === -1) return undefined
    read = index + 1
    return received[index]
  }
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Record<string, unknown>)
    for (const waiter of [...waiting]) {
      const message = take(waiter.type)
      if (message) {
        waiting.splice(waiting.indexOf(waiter), 1)
        waiter.resolve(message)
      }
    }
  })
  const next = (type: string): Promise<Record<string, unknown>> => {
    const message = take(type)
    return message ? Promise.resolve(message) : new Promise((resolve) => waiting.push({ type, resolve }))
  }
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const lobby = await next('joined-lobby')
  return { id: String(lobby['playerId']), ws, send: (message) => ws.send(JSON.stringify(message)), next, received }
}
