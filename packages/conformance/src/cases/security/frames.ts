import type { ConformanceCase } from '../../case.js'
import type { SuiteContext } from '../../context.js'
import { expectEchoes } from '../../helpers.js'
import { closePayload, openHalfHandshake, Opcode, RawWebSocket, type RawFrame } from '../../raw-frames.js'
import { expectHealthy, expectNoLeaks, expectProtocolOutcome } from './expect.js'

/** Sends `frames` on a fresh raw socket to /echo and checks the RFC 6455 outcome while a healthy client keeps working. */
async function expectFailure(ctx: SuiteContext, frames: readonly (RawFrame | Uint8Array)[], code: number, path = '/echo'): Promise<void> {
  const healthy = await ctx.connect('/echo')
  const raw = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}${path}`)
  try {
    for (const frame of frames) frame instanceof Uint8Array ? raw.write(frame) : raw.send(frame)
    expectProtocolOutcome(ctx, await raw.waitOutcome(), code)
  } finally {
    raw.destroy()
  }
  await expectEchoes(healthy, { still: 'serving' })
  await expectNoLeaks(ctx, () => healthy.terminate())
}

const text = (payload: string | Uint8Array, extra: Partial<RawFrame> = {}): RawFrame => ({ opcode: Opcode.TEXT, payload, ...extra })

/** The malformed-frame client on raw TCP. A runtime may drop instead of sending the close code (see `protocolCloseFrames`). */
export const frameCases: readonly ConformanceCase[] = [
  {
    name: 'malformed: an unmasked client frame fails the connection with 1002',
    needs: 'strictFraming',
    run: (ctx) => expectFailure(ctx, [text('{}', { mask: false })], 1002),
  },
  {
    name: 'malformed: reserved bits set without an extension fail with 1002',
    needs: 'protocolErrors',
    run: (ctx) => expectFailure(ctx, [text('{}', { rsv: 2 })], 1002),
  },
  {
    name: 'malformed: an unknown opcode fails with 1002',
    needs: 'protocolErrors',
    run: (ctx) => expectFailure(ctx, [{ opcode: 0x3, payload: 'x' }], 1002),
  },
  {
    name: 'malformed: a fragmented control frame fails with 1002',
    needs: 'protocolErrors',
    run: (ctx) => expectFailure(ctx, [{ opcode: Opcode.PING, payload: 'x', fin: false }], 1002),
  },
  {
    name: 'malformed: a control frame over 125 bytes fails with 1002',
    needs: 'protocolErrors',
    run: (ctx) => expectFailure(ctx, [{ opcode: Opcode.PING, payload: 'x'.repeat(126) }], 1002),
  },
  {
    name: 'malformed: invalid UTF-8 in a text frame fails with 1007',
    needs: 'protocolErrors',
    run: (ctx) => expectFailure(ctx, [text(new Uint8Array([0x22, 0xc3, 0x28, 0x22]))], 1007),
  },
  {
    name: 'malformed: a close frame with a reserved (1004-1006, 1015), unassigned or out-of-range code, or a 1-byte payload, fails with 1002',
    needs: 'protocolErrors',
    async run(ctx) {
      for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000]) {
        await expectFailure(ctx, [{ opcode: Opcode.CLOSE, payload: closePayload(code) }], 1002)
      }
      await expectFailure(ctx, [{ opcode: Opcode.CLOSE, payload: new Uint8Array([0x03]) }], 1002)
    },
  },
  {
    name: 'malformed: a frame bigger than the limit fails with 1009',
    run: (ctx) => expectFailure(ctx, [{ opcode: Opcode.BINARY, payload: new Uint8Array(2048) }], 1009, '/secPayload'),
  },
  {
    name: 'malformed: a continuation frame with nothing to continue fails with 1002',
    needs: 'protocolErrors',
    run: (ctx) => expectFailure(ctx, [{ opcode: Opcode.CONTINUATION, payload: 'x' }], 1002),
  },
  {
    name: 'slowloris: half-sent handshakes do not block other clients and open no connection',
    async run(ctx) {
      const stalled = await Promise.all(Array.from({ length: 20 }, () => openHalfHandshake(ctx.running.wsUrl, `${ctx.prefix}/echo`)))
      try {
        await expectHealthy(ctx)
        const healthy = await ctx.connect('/echo')
        await expectEchoes(healthy, { during: 'slowloris' })
        await expectNoLeaks(ctx, () => healthy.terminate())
      } finally {
        for (const socket of stalled) socket.destroy()
      }
    },
  },
]
