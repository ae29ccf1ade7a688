import fc from 'fast-check'
import { expect } from 'vitest'
import type { SuiteContext } from '../../context.js'
import { frameScript, type Reply, type Script } from '../../fuzz/frames.js'
import { fuzzParams, fuzzTimeout } from '../../fuzz/settings.js'
import { encodeFrame, Opcode, RawWebSocket, type RawOutcome, type ServerFrame } from '../../raw-frames.js'
import { fuzzCase } from './invariants.js'

const RUNS = 200
const TIMEOUT = fuzzTimeout(RUNS, 40)

function received(frames: readonly ServerFrame[]): { replies: Reply[]; pongs: number[][] } {
  const replies: Reply[] = []
  const pongs: number[][] = []
  for (const frame of frames) {
    if (frame.opcode === Opcode.PONG) pongs.push([...frame.payload])
    else if (frame.opcode === Opcode.BINARY) replies.push({ kind: 'binary', bytes: [...frame.payload] })
    else if (frame.opcode === Opcode.TEXT) replies.push({ kind: 'text', value: JSON.parse(frame.payload.toString('utf8')) as unknown })
  }
  return { replies, pongs }
}

/** All of the script's bytes, cut where it says into separate writes with a turn of the event loop between. */
async function writeChunked(raw: RawWebSocket, script: Script): Promise<void> {
  const bytes = Buffer.concat(script.writes.map((write) => (write instanceof Uint8Array ? write : encodeFrame(write))))
  const cuts = [...new Set(script.chunks.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    if (cut > from) raw.write(bytes.subarray(from, cut))
    from = Math.max(from, cut)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** An error frame is compared by type and code (its message is the table's, checked elsewhere). */
function comparable(reply: Reply): unknown {
  if (reply.kind === 'binary') return reply
  const value = reply.value as { type?: unknown; code?: unknown } | null
  return typeof value === 'object' && value !== null && value.type === 'error' ? { kind: 'text', error: value.code } : reply
}

function expectOutcome(ctx: SuiteContext, script: Script, frames: readonly ServerFrame[], outcome: RawOutcome): void {
  const got = received(frames)
  const clean = script.end.kind === 'close'
  // Every reply in order; when the connection failed, the ones after the failure may be cut short.
  const replies = clean ? script.replies : script.replies.slice(0, got.replies.length)
  expect(got.replies.map(comparable), 'replies').toEqual(replies.map(comparable))
  expect(got.pongs, 'pongs').toEqual(clean ? script.pongs : script.pongs.slice(0, got.pongs.length))
  if (script.end.kind === 'close') {
    expect(outcome, 'our close echoed').toMatchObject({ kind: 'close', code: script.end.code })
  } else if (ctx.capabilities.protocolCloseFrames || outcome.kind === 'close') {
    expect(outcome.kind, script.end.why).toBe('close')
    expect(script.end.codes, `${script.end.why}: closed with ${outcome.kind === 'close' ? outcome.code : '-'}`).toContain(
      outcome.kind === 'close' ? outcome.code : undefined,
    )
  }
}

/** Whether the script writes a frame a lenient runtime serves (strictFraming false): unmasked, or a pong over 125 bytes. */
function breaksLeniently(script: Script): boolean {
  return script.writes.some(
    (write) =>
      !(write instanceof Uint8Array) && (write.mask === false || (write.opcode === Opcode.PONG && (write.payload?.length ?? 0) > 125)),
  )
}

/** Random frame sequences on raw TCP: opcodes, lengths (7-, 16- and 64-bit), masks, RSV bits, fragments with control frames between them. */
export const rawFramesCase = fuzzCase({
  name: 'fuzz: random frame sequences get their RFC 6455 outcome (echo, error frame, close code), other clients keep round-tripping, nothing leaks',
  needs: 'protocolErrors',
  surface: 'raw-frames',
  timeout: TIMEOUT,
  async run(ctx, each) {
    await fc.assert(
      fc.asyncProperty(
        // A host that serves unmasked frames and long pongs (strictFraming false) is judged on every other script.
        ctx.capabilities.strictFraming === false ? frameScript.filter((script) => !breaksLeniently(script)) : frameScript,
        each(async (script: Script) => {
          const raw = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/fuzzEcho`)
          try {
            await writeChunked(raw, script)
            const outcome = await raw.waitOutcome(5000)
            expectOutcome(ctx, script, raw.frames, outcome)
          } finally {
            raw.destroy()
          }
        }),
      ),
      fuzzParams(RUNS, TIMEOUT),
    )
  },
})
