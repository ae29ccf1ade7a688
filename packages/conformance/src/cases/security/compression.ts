import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { eventually } from './expect.js'
import { Opcode, RawWebSocket } from '../../raw-frames.js'

/** Echoes every message; the case reads the server's frames off the wire to see which were deflated. */
const OFFER = { 'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits' }
const THRESHOLD = 256

/** Sends a small and a large message and returns the RSV1 bit of each reply. */
async function replyCompression(raw: RawWebSocket): Promise<boolean[]> {
  raw.sendText(JSON.stringify({ small: 'x' }))
  raw.sendText(JSON.stringify({ large: 'x'.repeat(THRESHOLD * 4) }))
  const texts = () => raw.frames.filter((f) => f.opcode === Opcode.TEXT)
  await eventually(() => texts().length === 2, 'two replies')
  return texts().map((f) => f.compressed)
}

export const compressionCases: readonly ConformanceCase[] = [
  {
    name: 'compression: permessage-deflate is negotiated only when enabled, and only frames at or above the threshold are deflated',
    needs: 'compressionControl',
    timeout: 15000,
    async run(ctx) {
      // Off by default: the offer is declined and nothing is deflated.
      const host = await ctx.startHost({ routes: ['security'] })
      try {
        const plain = await RawWebSocket.open(host.wsUrl, `${ctx.prefix}/squeeze`, { headers: OFFER })
        expect(plain.extensions).toBe('')
        expect(await replyCompression(plain)).toEqual([false, false])
        plain.destroy()
      } finally {
        await host.close()
      }
      const on = await ctx.startHost({ routes: ['security'], options: { compression: { enabled: true, threshold: THRESHOLD } } })
      try {
        const raw = await RawWebSocket.open(on.wsUrl, `${ctx.prefix}/squeeze`, { headers: OFFER })
        expect(raw.extensions).toContain('permessage-deflate')
        expect(await replyCompression(raw)).toEqual([false, true])
        raw.destroy()
      } finally {
        await on.close()
      }
    },
  },
]
