import { expect } from 'vitest'
import { defineCaseGroup, type ConformanceCase } from '../case.js'
import { expectErrorFrame, expectQuiet } from '../helpers.js'
import { waitForRecorded } from '../recorder.js'
import { typedLibraries } from '../routes/typed-schemas.js'

const codesOf = (events: readonly { type: string; [key: string]: unknown }[]): unknown[] =>
  events.filter((e) => e.type === 'typed-error').map((e) => e['code'])

/** The cases whose routes exist once per validator library (routes/typed-schemas.ts). */
function casesFor({ library, base }: (typeof typedLibraries)[number]): ConformanceCase[] {
  return [
    {
      name: `messages are dispatched by \`type\` to per-type handlers, in order, async ones included [${library}]`,
      async run(ctx) {
        const client = await ctx.connect(`${base}/chat`)
        client.send({ type: 'say', text: 'first', meta: { tags: ['a'] } })
        client.send({ type: 'join', roomId: 'r1' })
        expect(await client.take(2)).toEqual([
          { type: 'said', text: 'first', tags: ['a'] },
          { type: 'joined', roomId: 'r1' },
        ])
      },
    },
    {
      name: `a schema failure gets a VALIDATION_FAILED frame with its issue paths; onError sees it; the socket stays open [${library}]`,
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`${base}/chat?t=${token}`)
        client.send({ type: 'say', text: 'x', meta: { tags: ['ok', 42] } })
        const frame = expectErrorFrame(await client.next(), 'VALIDATION_FAILED') as { issues?: { path?: unknown[] }[] }
        expect(frame.issues?.map((issue) => issue.path)).toEqual([['meta', 'tags', 1]])
        expect(codesOf(await waitForRecorded(token, (events) => codesOf(events).length > 0))).toEqual(['VALIDATION_FAILED'])
        client.send({ type: 'join', roomId: 'still-open' })
        expect(await client.next()).toEqual({ type: 'joined', roomId: 'still-open' })
      },
    },
    {
      name: `a route-level input schema validates onMessage input with nested issue paths [${library}]`,
      async run(ctx) {
        const client = await ctx.connect(`${base}/input`)
        client.send({ text: 'order', items: [{ qty: 1 }, { qty: 'two' }] })
        const frame = expectErrorFrame(await client.next(), 'VALIDATION_FAILED') as { issues?: { path?: unknown[] }[] }
        expect(frame.issues?.map((issue) => issue.path)).toEqual([['items', 1, 'qty']])
        client.send({ text: 'order', items: [{ qty: 1 }, { qty: 2 }] })
        expect(await client.next()).toEqual({ total: 3, text: 'order' })
      },
    },
    {
      name: `unknown and missing types get UNKNOWN_TYPE frames and the socket stays open [${library}]`,
      async run(ctx) {
        const client = await ctx.connect(`${base}/chat`)
        client.send({ type: 'dance' })
        expectErrorFrame(await client.next(), 'UNKNOWN_TYPE')
        client.send({ roomId: 'r1' })
        expectErrorFrame(await client.next(), 'UNKNOWN_TYPE')
        client.send({ type: '__proto__' })
        expectErrorFrame(await client.next(), 'UNKNOWN_TYPE')
        client.send({ type: 'join', roomId: 'r2' })
        expect(await client.next()).toEqual({ type: 'joined', roomId: 'r2' })
      },
    },
    {
      name: `policy 'close': invalid payloads close with 1007, unknown types with 1008 [${library}]`,
      async run(ctx) {
        const invalid = await ctx.connect(`${base}/strict`)
        invalid.send({ type: 'join', roomId: '' })
        expect((await invalid.waitClose()).code).toBe(1007)
        const json = await ctx.connect(`${base}/strict`)
        json.sendText('{oops')
        expect((await json.waitClose()).code).toBe(1007)
        const unknown = await ctx.connect(`${base}/strict`)
        unknown.send({ type: 'dance' })
        expect((await unknown.waitClose()).code).toBe(1008)
        expect([...invalid.frames, ...json.frames, ...unknown.frames]).toEqual([])
      },
    },
    {
      name: `policy 'drop': invalid messages are ignored silently, still reported to onError [${library}]`,
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`${base}/drop?t=${token}`)
        client.send({ type: 'dance' })
        client.send({ type: 'join', roomId: '' })
        client.sendText('nope')
        expect(codesOf(await waitForRecorded(token, (events) => codesOf(events).length === 3))).toEqual([
          'UNKNOWN_TYPE',
          'VALIDATION_FAILED',
          'INVALID_JSON',
        ])
        // Its answer is the first frame: nothing was sent for the dropped messages.
        await expectQuiet(client, { type: 'join', roomId: 'r1' }, { type: 'joined', roomId: 'r1' })
      },
    },
    {
      name: `a binary frame on a route without onBinary closes with 1003 [${library}]`,
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`${base}/chat?t=${token}`)
        client.sendBinary(new Uint8Array([1, 2, 3]))
        expect((await client.waitClose()).code).toBe(1003)
        expect(codesOf(await waitForRecorded(token, (events) => codesOf(events).length > 0))).toEqual(['UNSUPPORTED_DATA'])
      },
    },
    {
      name: `output validation keeps a handler bug off the wire and reports OUTPUT_VALIDATION_FAILED [${library}]`,
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`${base}/chat?t=${token}`)
        client.send({ type: 'buggy' })
        expect(await client.next()).toEqual({ type: 'count', n: 1 })
        expect(codesOf(await waitForRecorded(token, (events) => codesOf(events).length > 0))).toEqual(['OUTPUT_VALIDATION_FAILED'])
        await expectQuiet(client, { type: 'join', roomId: 'r1' }, { type: 'joined', roomId: 'r1' })
      },
    },
    {
      name: `__proto__ and constructor keys (plain or \\u-escaped) never reach handlers or pollute prototypes [${library}]`,
      async run(ctx) {
        const client = await ctx.connect(`${base}/chat`)
        client.sendText('{"type":"merge","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"safe":1}')
        expect(await client.next()).toEqual({ type: 'merged', polluted: false, keys: ['type', 'safe'] })
        client.sendText('{"type":"merge","\\u005f_proto__":{"polluted":true},"safe":2}')
        expect(await client.next()).toEqual({ type: 'merged', polluted: false, keys: ['type', 'safe'] })
      },
    },
  ]
}

export const typedGroup = defineCaseGroup({
  name: 'typed messages',
  cases: [
    ...typedLibraries.flatMap(casesFor),
    {
      name: 'a 512 KiB bracket bomb nested deeper than maxDepth gets TOO_DEEP and the socket stays open',
      async run(ctx) {
        const client = await ctx.connect('/echo')
        // 512 KiB of brackets (default limits: depth 64, payload 1 MiB): refused by the depth scan, not parsed.
        client.sendText('['.repeat(256 * 1024) + ']'.repeat(256 * 1024))
        expectErrorFrame(await client.next(), 'TOO_DEEP')
        client.sendText('['.repeat(64) + ']'.repeat(64))
        expect(await client.next()).toEqual({ echo: JSON.parse('['.repeat(64) + ']'.repeat(64)) })
      },
    },
  ],
})
