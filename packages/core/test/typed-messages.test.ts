import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { defineRoute, type WsError } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

const Out = v.variant('type', [
  v.object({ type: v.literal('joined'), roomId: v.string() }),
  v.object({ type: v.literal('said'), text: v.string() }),
])

function chatRoute(onInvalid?: 'error' | 'close' | 'drop', errors: WsError[] = []) {
  return defineRoute({
    kind: 'ws',
    output: Out,
    ...(onInvalid ? { onInvalid } : {}),
    messages: {
      join: {
        schema: v.object({ roomId: v.pipe(v.string(), v.minLength(1)) }),
        handler: (data, c) => c.send({ type: 'joined', roomId: data.roomId }),
      },
      say: {
        schema: v.object({ text: v.string(), meta: v.object({ tags: v.array(v.string()) }) }),
        handler: async (data, c) => {
          await Promise.resolve()
          c.send({ type: 'said', text: data.text })
        },
      },
    },
    handler: { onError: (_c, error) => void errors.push(error) },
  })
}

describe('typed messages: dispatch on `type`', () => {
  it('routes each type to its handler with the parsed data', async () => {
    const t = createTestBridge({ chat: chatRoute() })
    const client = await t.connect('/chat')
    client.send({ type: 'join', roomId: 'r1' })
    client.send({ type: 'say', text: 'hi', meta: { tags: [] } })
    client.send({ type: 'join', roomId: 'r2' })
    expect(await client.next()).toEqual({ type: 'joined', roomId: 'r1' })
    expect(await client.next()).toEqual({ type: 'said', text: 'hi' })
    expect(await client.next()).toEqual({ type: 'joined', roomId: 'r2' })
  })

  it('answers a schema failure with an error frame carrying valibot issue paths, and stays open', async () => {
    const errors: WsError[] = []
    const t = createTestBridge({ chat: chatRoute(undefined, errors) })
    const client = await t.connect('/chat')
    client.send({ type: 'say', text: 'hi', meta: { tags: ['ok', 7] } })
    const frame = (await client.next()) as { type: string; code: string; issues: { path: (string | number)[] }[] }
    expect(frame).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED', message: 'Message failed validation' })
    expect(frame.issues.map((i) => i.path)).toEqual([['meta', 'tags', 1]])
    expect(errors.map((e) => e.code)).toEqual(['VALIDATION_FAILED'])
    client.send({ type: 'join', roomId: 'r1' })
    expect(await client.next()).toEqual({ type: 'joined', roomId: 'r1' })
    expect(client.closed).toBeUndefined()
  })

  it('answers unknown and missing types and invalid JSON with typed error frames', async () => {
    const errors: WsError[] = []
    const t = createTestBridge({ chat: chatRoute('error', errors) })
    const client = await t.connect('/chat')
    client.send({ type: 'dance' })
    client.send({ roomId: 'r1' })
    client.send({ type: 'toString' })
    client.sendText('{not json')
    expect(await client.next()).toEqual({ type: 'error', code: 'UNKNOWN_TYPE', message: 'Unknown message type "dance"' })
    expect(await client.next()).toEqual({ type: 'error', code: 'UNKNOWN_TYPE', message: 'Message has no "type" field' })
    expect(await client.next()).toMatchObject({ type: 'error', code: 'UNKNOWN_TYPE' })
    expect(await client.next()).toEqual({ type: 'error', code: 'INVALID_JSON', message: 'Message is not valid JSON' })
    expect(errors.map((e) => e.code)).toEqual(['UNKNOWN_TYPE', 'UNKNOWN_TYPE', 'UNKNOWN_TYPE', 'INVALID_JSON'])
  })

  it("policy 'close' closes with 1007 for bad payloads and 1008 for unknown types", async () => {
    const t = createTestBridge({ chat: chatRoute('close') })
    const bad = await t.connect('/chat')
    bad.send({ type: 'join', roomId: '' })
    expect(await bad.waitForClose()).toMatchObject({ code: 1007, by: 'server' })
    const json = await t.connect('/chat')
    json.sendText('nope')
    expect(await json.waitForClose()).toMatchObject({ code: 1007 })
    const unknown = await t.connect('/chat')
    unknown.send({ type: 'dance' })
    expect(await unknown.waitForClose()).toMatchObject({ code: 1008 })
    expect([bad, json, unknown].flatMap((c) => c.sent)).toEqual([])
  })

  it("policy 'drop' ignores invalid messages silently but still reports them", async () => {
    const errors: WsError[] = []
    const t = createTestBridge({ chat: chatRoute('drop', errors) })
    const client = await t.connect('/chat')
    client.send({ type: 'dance' })
    client.sendText('{')
    client.send({ type: 'join', roomId: 'r1' })
    expect(await client.next()).toEqual({ type: 'joined', roomId: 'r1' })
    expect(client.sent).toHaveLength(1)
    expect(errors.map((e) => e.code)).toEqual(['UNKNOWN_TYPE', 'INVALID_JSON'])
  })

  it('passes unknown types to handler.onMessage when the route has one', async () => {
    const route = defineRoute({
      kind: 'ws',
      messages: { ping: { schema: v.object({}), handler: (_d, c) => c.send('pong') } },
      handler: { onMessage: (message, c) => c.send({ fallback: message }) },
    })
    const client = await createTestBridge({ route }).connect('/route')
    client.send({ type: 'other', x: 1 })
    client.send({ type: 'ping' })
    expect(await client.next()).toEqual({ fallback: { type: 'other', x: 1 } })
    expect(await client.next()).toBe('pong')
  })

  it('awaits async schemas and keeps message order', async () => {
    const seen: string[] = []
    const route = defineRoute({
      kind: 'ws',
      messages: {
        slow: {
          schema: v.pipeAsync(
            v.object({ n: v.string() }),
            v.checkAsync(async () => new Promise<boolean>((r) => setTimeout(() => r(true), 5))),
          ),
          handler: (d) => void seen.push(d.n),
        },
        fast: { schema: v.object({ n: v.string() }), handler: (d) => void seen.push(d.n) },
      },
    })
    const client = await createTestBridge({ route }).connect('/route')
    client.send({ type: 'slow', n: '1' })
    client.send({ type: 'fast', n: '2' })
    client.send({ type: 'slow', n: '3' })
    await new Promise((r) => setTimeout(r, 40))
    expect(seen).toEqual(['1', '2', '3'])
  })
})
