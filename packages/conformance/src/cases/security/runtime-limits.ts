import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { openClient } from '../../client.js'
import { Opcode, RawWebSocket } from '../../raw-frames.js'
import { expectEchoes } from '../../helpers.js'

/** Limits the runtime enforces itself (ws, Bun), before core sees a message: the peer reads the same close on every host. */
export const runtimeLimitCases: readonly ConformanceCase[] = [
  {
    name: "max payload: a message over the bridge-wide limit is the runtime's to refuse, and closes 1009 'Received too big message' (Bun's words) on every host",
    needs: 'payloadLimit',
    timeout: 15000,
    async run(ctx) {
      const host = await ctx.startHost({ routes: ['base'], options: { maxPayloadLength: 1024 } })
      try {
        const url = `${host.wsUrl}${ctx.prefix}/echo`
        const text = await openClient(url)
        text.sendText(JSON.stringify({ pad: 'x'.repeat(2048) }))
        expect(await text.waitClose()).toEqual({ code: 1009, reason: 'Received too big message' })
        const binary = await openClient(url)
        binary.sendBinary(new Uint8Array(4096))
        expect(await binary.waitClose()).toEqual({ code: 1009, reason: 'Received too big message' })
        await expectEchoes(await openClient(url), 'still serving')
      } finally {
        await host.close()
      }
    },
  },
  {
    name: "max fragments: a message in more frames than maxFragments closes 1008 'Too many message fragments'; one within it arrives whole",
    needs: 'fragmentLimit',
    timeout: 15000,
    async run(ctx) {
      const maxFragments = 4
      const host = await ctx.startHost({ routes: ['base'], options: { maxFragments } })
      try {
        const send = (raw: RawWebSocket, frames: number): void => {
          const parts = ['"', ...Array.from({ length: frames - 2 }, (_, i) => String(i)), '"']
          parts.forEach((payload, i) =>
            raw.send({ opcode: i === 0 ? Opcode.TEXT : Opcode.CONTINUATION, payload, fin: i === parts.length - 1 }),
          )
        }
        const within = await RawWebSocket.open(host.wsUrl, `${ctx.prefix}/echo`)
        send(within, maxFragments)
        expect(await within.nextText()).toEqual({ echo: '01' })
        within.destroy()
        const over = await RawWebSocket.open(host.wsUrl, `${ctx.prefix}/echo`)
        send(over, maxFragments + 1)
        expect(await over.waitOutcome()).toEqual({ kind: 'close', code: 1008, reason: 'Too many message fragments' })
        over.destroy()
        await expectEchoes(await openClient(`${host.wsUrl}${ctx.prefix}/echo`), 'still serving')
      } finally {
        await host.close()
      }
    },
  },
]
