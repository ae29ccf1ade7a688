import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'

/** One real connection: the server's ws socket, the client's, and the texts the client received. */
export interface WsPair {
  readonly server: WebSocket
  readonly client: WebSocket
  readonly received: string[]
  /** Resolves once the client has received `count` texts in all. */
  receivedAt(count: number): Promise<string[]>
}

/** A ws server on 127.0.0.1 with `count` real connected pairs, permessage-deflate negotiated. */
export async function wsPairs(count: number): Promise<{ pairs: WsPair[]; close(): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: { threshold: 0 } })
  await once(wss, 'listening')
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
  const pairs: WsPair[] = []
  for (let i = 0; i < count; i++) {
    const accepted = once(wss, 'connection') as Promise<[WebSocket]>
    const client = new WebSocket(url)
    const received: string[] = []
    let wake: (() => void) | undefined
    client.on('message', (data) => {
      received.push(String(data))
      wake?.()
    })
    const receivedAt = async (total: number): Promise<string[]> => {
      while (received.length < total) await new Promise<void>((resolve) => (wake = resolve))
      return received
    }
    const [[server]] = await Promise.all([accepted, once(client, 'open')])
    pairs.push({ server, client, received, receivedAt })
  }
  return {
    pairs,
    async close() {
      for (const { client } of pairs) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
