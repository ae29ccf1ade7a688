import { WebSocket } from 'ws'

/** A client that queues what it receives as JSON, and the close it saw. */
export interface JsonClient {
  readonly ws: WebSocket
  next(): Promise<Record<string, unknown>>
  /** Resolves once the socket is closed (the TCP connection ended), with the server's code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>
}

export async function openJson(url: string): Promise<JsonClient> {
  const ws = new WebSocket(url)
  const inbox: Record<string, unknown>[] = []
  const waiting: ((value: Record<string, unknown>) => void)[] = []
  ws.on('message', (data) => {
    const value = JSON.parse(String(data)) as Record<string, unknown>
    const waiter = waiting.shift()
    if (waiter) waiter(value)
    else inbox.push(value)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }))
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return {
    ws,
    closed,
    next: () => (inbox.length > 0 ? Promise.resolve(inbox.shift()!) : new Promise((resolve) => waiting.push(resolve))),
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
