// Plain Hono WebSocket routes, shared by hono-node.ts and hono-bun.ts: the baseline for adapter-hono.
// Hono has no pub/sub helper, so fan-out is the portable Hono idiom: a registry of WSContexts.
import { Hono } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import { reencode } from './ready.js'

export function createPlainHonoApp(upgradeWebSocket: UpgradeWebSocket<any>): Hono {
  const app = new Hono()
  // Keyed by the runtime socket: hono/bun builds a new WSContext for every event.
  const subscribers = new Map<unknown, WSContext>()
  app.get(
    '/echo',
    upgradeWebSocket(() => ({ onMessage: (event, ws) => ws.send(reencode(String(event.data))) })),
  )
  app.get(
    '/fan',
    upgradeWebSocket(() => ({
      onOpen: (_event, ws) => void subscribers.set(ws.raw, ws),
      onClose: (_event, ws) => void subscribers.delete(ws.raw),
      onMessage(event, ws) {
        const frame = reencode(String(event.data))
        for (const [raw, peer] of subscribers) if (raw !== ws.raw) peer.send(frame)
      },
    })),
  )
  return app
}
