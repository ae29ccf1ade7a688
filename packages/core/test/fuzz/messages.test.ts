import fc from 'fast-check'
import * as v from 'valibot'
import { afterAll, describe, expect, it } from 'vitest'
import { defineRoute, errorCodes, type InvalidMessagePolicy, type WsErrorCode } from '../../src/index.js'
import { createTestBridge } from '../../src/testing/index.js'
import { messageText } from './message-text.js'
import { FuzzSurface } from './settings.js'
import { expectSendableClose, utf8Length } from './text.js'

// Any text frame gets exactly one documented outcome: its handler runs with a value its schema
// accepts (and no prototype keys), or an error frame / close / nothing per the route's onInvalid,
// with the code docs/errors.md gives. The oracle below is written from the docs, not from codec.ts.

const surface = new FuzzSurface('message-text (core)')
afterAll(() => void surface.report())

const MAX_DEPTH = 8
const MAX_BYTES = 2048
const limits = { maxDepth: MAX_DEPTH, maxPayloadLength: MAX_BYTES, rateLimit: false } as const

const schemas = {
  join: v.object({ roomId: v.pipe(v.string(), v.minLength(1)) }),
  say: v.object({ text: v.string(), meta: v.object({ tags: v.array(v.string()) }) }),
  count: v.object({ n: v.pipe(v.number(), v.integer()) }),
}
const inputSchema = v.object({ text: v.string(), items: v.array(v.object({ qty: v.number() })) })

const calls: { kind: string; data: unknown }[] = []
const record = (kind: string) => (data: unknown) => void calls.push({ kind, data })

function typedRoute(onInvalid: InvalidMessagePolicy) {
  return defineRoute({
    kind: 'ws',
    onInvalid,
    limits,
    messages: {
      join: { schema: schemas.join, handler: record('join') },
      say: { schema: schemas.say, handler: record('say') },
      count: { schema: schemas.count, handler: record('count') },
    },
  })
}

const routes = {
  typedError: typedRoute('error'),
  typedClose: typedRoute('close'),
  typedDrop: typedRoute('drop'),
  input: defineRoute({ kind: 'ws', limits, input: inputSchema, handler: { onMessage: record('input') } }),
  plain: defineRoute({ kind: 'ws', limits, handler: { onMessage: record('plain') } }),
}
type RouteName = keyof typeof routes
const policyOf = (route: RouteName): InvalidMessagePolicy => (route === 'typedClose' ? 'close' : route === 'typedDrop' ? 'drop' : 'error')

type Expected =
  | { kind: 'handler'; call: { kind: string; data: unknown } }
  | { kind: 'invalid'; codes: WsErrorCode[] }
  | { kind: 'pong' }
  | { kind: 'too-big' }

const depthOf = (value: unknown): number =>
  typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0

/** docs: `__proto__` and `constructor` keys are removed from parsed messages, at any depth. */
const stripped = (text: string): unknown =>
  JSON.parse(text, (key, inner: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : inner))

function hasDangerousKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  return Object.keys(value).some((key) => key === '__proto__' || key === 'constructor') || Object.values(value).some(hasDangerousKey)
}

function expected(route: RouteName, text: string): Expected {
  if (text === '{"~":"ping"}') return { kind: 'pong' }
  if (utf8Length(text) > MAX_BYTES) return { kind: 'too-big' }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    // The depth check runs on the text before parsing, so unbalanced brackets may read as too deep.
    return { kind: 'invalid', codes: ['INVALID_JSON', 'TOO_DEEP'] }
  }
  if (depthOf(parsed) > MAX_DEPTH) return { kind: 'invalid', codes: ['TOO_DEEP'] }
  const message = stripped(text)
  if (route === 'plain') return { kind: 'handler', call: { kind: 'plain', data: message } }
  if (route === 'input') {
    const result = v.safeParse(inputSchema, message)
    return result.success
      ? { kind: 'handler', call: { kind: 'input', data: result.output } }
      : { kind: 'invalid', codes: ['VALIDATION_FAILED'] }
  }
  const type = typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as { type?: unknown }).type : undefined
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) return { kind: 'invalid', codes: ['UNKNOWN_TYPE'] }
  const result = v.safeParse(schemas[type as keyof typeof schemas], message)
  return result.success ? { kind: 'handler', call: { kind: type, data: result.output } } : { kind: 'invalid', codes: ['VALIDATION_FAILED'] }
}

describe('fuzz: message text', () => {
  const t = createTestBridge(routes)
  afterAll(() => t.close())
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

  it(
    'every text frame gets exactly its documented outcome, on every invalid-message policy',
    async () => {
      const route = fc.constantFrom(...(Object.keys(routes) as RouteName[]))
      await fc.assert(
        fc.asyncProperty(
          route,
          fc.array(messageText, { minLength: 1, maxLength: 6 }),
          surface.counted(async (name: RouteName, texts: string[]) => {
            const client = await t.connect(`/${name}`)
            for (const text of texts) {
              const frames = client.sent.length
              calls.length = 0
              client.sendText(text)
              await client.flush()
              const sent = client.sent.slice(frames)
              const want = expected(name, text)
              if (want.kind === 'too-big') {
                expectSendableClose(client.closed!, 1009, errorCodes.PAYLOAD_TOO_LARGE.message)
              } else if (want.kind === 'pong') {
                expect(sent).toEqual([{ '~': 'pong' }])
              } else if (want.kind === 'handler') {
                expect(sent).toEqual([])
                expect(calls).toEqual([want.call])
                expect(hasDangerousKey(calls[0]!.data)).toBe(false)
              } else {
                expect(calls).toEqual([])
                const policy = policyOf(name)
                if (policy === 'error') {
                  expect(sent).toHaveLength(1)
                  const frame = sent[0] as { type: string; code: WsErrorCode; message: unknown }
                  expect(frame.type).toBe('error')
                  expect(want.codes).toContain(frame.code)
                  // UNKNOWN_TYPE names the type it did not know; the others use the table's message.
                  if (frame.code === 'UNKNOWN_TYPE') expect(typeof frame.message).toBe('string')
                  else expect(frame.message).toBe(errorCodes[frame.code].message)
                } else if (policy === 'drop') {
                  expect(sent).toEqual([])
                } else {
                  const close = client.closed!
                  expect(want.codes.map((code) => errorCodes[code].close)).toContain(close.code)
                  expectSendableClose(close, close.code, close.reason)
                  expect(close.reason).not.toMatch(/[\uD800-\uDBFF]$/)
                }
              }
              expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
              if (want.kind === 'too-big' || (want.kind === 'invalid' && policyOf(name) === 'close')) break
              expect(client.closed).toBeUndefined()
            }
            client.close()
            await client.flush()
            expect(t.bridge.connections.size).toBe(0)
            expect(t.bridge.topicCount).toBe(0)
          }),
        ),
        surface.params(400),
      )
    },
    surface.timeout(400, 8),
  )
})
