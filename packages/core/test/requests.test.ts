import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { createRoute, type WsError } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'
import { requestRoutes, type Probe } from './requests/routes.js'

function setup(validateOutput?: boolean) {
  const probe: Probe = { started: 0, aborted: [] }
  const t = createTestBridge(requestRoutes(probe), validateOutput === undefined ? {} : { validateOutput })
  return { t, probe }
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value }),
    (error: WsError) => ({ code: error.code, message: error.message, issues: error.issues }),
  )

describe('requests: the client asks, a route handler answers', () => {
  it('replies with the handler result, correlated by id across many in flight', async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    const replies = await Promise.all([
      client.request('slow', { ms: 30, tag: 'a' }),
      client.request('slow', { ms: 5, tag: 'b' }),
      client.request('add', { a: 2, b: 3 }),
      ...Array.from({ length: 50 }, (_, i) => client.request('add', { a: i, b: 1 })),
    ])
    expect(replies.slice(0, 3)).toEqual(['a', 'b', { sum: 5 }])
    expect(replies.slice(3)).toEqual(Array.from({ length: 50 }, (_, i) => ({ sum: i + 1 })))
    // Replies are not messages: nothing reached `sent`.
    expect(client.sent).toEqual([])
  })

  it('answers invalid data with VALIDATION_FAILED and its issues, and unknown names with UNKNOWN_REQUEST', async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    const invalid = await codeOf(client.request('add', { a: 'x', b: 3 }))
    expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: ['a'], expected: 'number' }] })
    expect(await codeOf(client.request('nope', 1))).toMatchObject({ code: 'UNKNOWN_REQUEST', message: 'Unknown request "nope"' })
    // A name from the prototype is not a request.
    expect(await codeOf(client.request('toString', 1))).toMatchObject({ code: 'UNKNOWN_REQUEST' })
    expect(t.errors.map((e) => e.code)).toEqual(['VALIDATION_FAILED', 'UNKNOWN_REQUEST', 'UNKNOWN_REQUEST'])
  })

  it("keeps a thrown WsError's code and message, and never leaks another exception's message", async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    expect(await codeOf(client.request('forbidden', null))).toEqual({ code: 'FORBIDDEN', message: 'Not yours', issues: undefined })
    const crash = await codeOf(client.request('crash', null))
    expect(crash).toEqual({ code: 'INTERNAL', message: 'Internal error', issues: undefined })
    expect(client.frames.join('')).not.toContain('hunter2')
    // The server still sees what happened.
    expect(t.errors.at(-1)?.message).toBe('database password is hunter2')
  })

  it('checks the reply against `output`: OUTPUT_VALIDATION_FAILED without the issues; off with validateOutput: false', async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    expect(await codeOf(client.request('liar', null))).toEqual({
      code: 'OUTPUT_VALIDATION_FAILED',
      message: 'Server tried to send an invalid message',
      issues: undefined,
    })
    expect(t.errors.at(-1)?.issues?.[0]?.expected).toBe('number')
    const off = await setup(false).t.connect('/calc')
    // The bridge-wide option does not turn reply checks off; the route's own `validateOutput: false` does (docs/requests.md).
    expect(await codeOf(off.request('liar', null))).toMatchObject({ code: 'OUTPUT_VALIDATION_FAILED' })
  })

  it('times out with REQUEST_TIMEOUT and cancels: the handler signal aborts', async () => {
    const { t, probe } = setup()
    const client = await t.connect('/calc')
    expect(await codeOf(client.request('slow', { ms: 5000, tag: 't' }, { timeout: 20 }))).toMatchObject({ code: 'REQUEST_TIMEOUT' })
    await client.flush()
    expect(probe.aborted).toEqual(['t:REQUEST_CANCELLED'])
    // The late reply (none is sent for a cancelled request) leaves the connection usable.
    expect(await client.request('add', { a: 1, b: 1 })).toEqual({ sum: 2 })
  })

  it('an AbortSignal cancels: REQUEST_CANCELLED on the client, the handler signal aborts', async () => {
    const { t, probe } = setup()
    const client = await t.connect('/calc')
    const controller = new AbortController()
    const pending = codeOf(client.request('slow', { ms: 5000, tag: 's' }, { signal: controller.signal }))
    await client.flush()
    controller.abort()
    expect(await pending).toMatchObject({ code: 'REQUEST_CANCELLED' })
    await client.flush()
    expect(probe.aborted).toEqual(['s:REQUEST_CANCELLED'])
    expect(await codeOf(client.request('add', { a: 1, b: 1 }, { signal: controller.signal }))).toMatchObject({ code: 'REQUEST_CANCELLED' })
  })

  it('a close rejects pending requests with CONNECTION_CLOSED and aborts server handlers', async () => {
    const { t, probe } = setup()
    const client = await t.connect('/calc')
    const pending = codeOf(client.request('slow', { ms: 5000, tag: 'c' }))
    await client.flush()
    client.close()
    expect(await pending).toMatchObject({ code: 'CONNECTION_CLOSED' })
    expect(probe.aborted).toEqual(['c:CONNECTION_CLOSED'])
  })

  it('a requests-only route refuses plain messages with UNKNOWN_TYPE and answers requests', async () => {
    const { t } = setup()
    const client = await t.connect('/only')
    client.send({ hello: 1 })
    expect(await client.next()).toMatchObject({ type: 'error', code: 'UNKNOWN_TYPE' })
    expect(await client.request('ping', 'ping')).toBe('pong')
  })

  it('malformed request frames get a VALIDATION_FAILED error frame; the connection stays open', async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    client.sendText('{"~":"req","id":-1,"n":"add"}')
    expect(await client.next()).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED', message: 'Malformed request frame' })
    client.sendText('{"~":"req", oops')
    expect(await client.next()).toMatchObject({ type: 'error', code: 'INVALID_JSON' })
    expect(await client.request('add', { a: 1, b: 2 })).toEqual({ sum: 3 })
  })

  it('property: any request frame gets exactly one well-formed reply or error frame, never a crash', async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    const names = fc.constantFrom('add', 'count', 'forbidden', 'crash', 'liar', 'only', '__proto__', 'constructor')
    await fc.assert(
      fc.asyncProperty(fc.nat(1e6), names, fc.jsonValue(), async (id, n, d) => {
        const before = client.frames.length
        client.sendText(JSON.stringify({ '~': 'req', id, n, d }))
        await client.flush()
        const answers = client.frames.slice(before).map((f) => JSON.parse(f as string))
        expect(answers).toHaveLength(1)
        expect(answers[0]).toMatchObject({ '~': 'res', id })
        expect('d' in answers[0] || typeof answers[0].e?.code === 'string').toBe(true)
      }),
      { numRuns: 200 },
    )
    expect(client.closed).toBeUndefined()
  })
})

describe('requests: the server asks, a client handler answers', () => {
  it('resolves with the validated reply; rejects an invalid one, a missing handler and a timeout', async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    client.answer('confirm', async (data: { question: string }) => ({ ok: data.question === 'sure?' }))
    client.send('ask')
    expect(await client.next()).toEqual({ answer: { ok: true } })
    client.answer('confirm', () => ({ ok: 'yes' }))
    client.send('ask')
    expect(await client.next()).toEqual({ answer: 'VALIDATION_FAILED' })
    const bare = await t.connect('/calc')
    bare.send('ask')
    expect(await bare.next()).toEqual({ answer: 'UNKNOWN_REQUEST' })
    let aborted: unknown
    bare.answer(
      'confirm',
      (_d, { signal }) =>
        new Promise((resolve) => signal.addEventListener('abort', () => resolve((aborted = (signal.reason as WsError).code)))),
    )
    bare.send('ask-fast')
    expect(await bare.next()).toEqual({ answer: 'REQUEST_TIMEOUT' })
    await bare.flush()
    expect(aborted).toBe('REQUEST_CANCELLED')
  })

  it("a close rejects the server's pending requests with CONNECTION_CLOSED", async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    client.answer('confirm', () => new Promise(() => undefined))
    const connection = client.connection
    const pending = codeOf(connection.request('confirm', { question: 'q' }))
    await client.flush()
    client.close()
    expect(await pending).toMatchObject({ code: 'CONNECTION_CLOSED' })
    expect(await codeOf(connection.request('confirm', { question: 'q' }))).toMatchObject({ code: 'CONNECTION_CLOSED' })
  })
})

describe('requests: at most once per session id', () => {
  it('runs the handler once per (session, id) and replays the reply, on the same and on a new connection', async () => {
    const { t, probe } = setup()
    const first = await t.connect('/calc')
    first.sendText('{"~":"req","id":1,"n":"count","d":"x","s":"abc"}')
    first.sendText('{"~":"req","id":1,"n":"count","d":"x","s":"abc"}')
    await first.flush()
    // The duplicate arrived while the handler ran: one reply answers both.
    expect(first.frames).toEqual(['{"~":"res","id":1,"d":1}'])
    first.sendText('{"~":"req","id":1,"n":"count","d":"x","s":"abc"}')
    await first.flush()
    expect(first.frames).toEqual(['{"~":"res","id":1,"d":1}', '{"~":"res","id":1,"d":1}'])
    first.close()
    const second = await t.connect('/calc')
    second.sendText('{"~":"req","id":1,"n":"count","d":"x","s":"abc"}')
    second.sendText('{"~":"req","id":1,"n":"count","d":"x","s":"other"}')
    second.sendText('{"~":"req","id":2,"n":"count","d":"x","s":"abc"}')
    await second.flush()
    expect(second.frames).toEqual(['{"~":"res","id":1,"d":1}', '{"~":"res","id":1,"d":2}', '{"~":"res","id":2,"d":3}'])
    expect(probe.started).toBe(3)
  })

  it('a resend while the handler still runs (its connection closed) gets the reply when it ends', async () => {
    const { t, probe } = setup()
    const first = await t.connect('/calc')
    first.sendText('{"~":"req","id":7,"n":"slow","d":{"ms":30,"tag":"r"},"s":"sess"}')
    await first.flush()
    first.close()
    const second = await t.connect('/calc')
    second.sendText('{"~":"req","id":7,"n":"slow","d":{"ms":30,"tag":"r"},"s":"sess"}')
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(probe.started).toBe(1)
    expect(probe.aborted).toEqual(['r:CONNECTION_CLOSED'])
    expect(second.frames).toEqual(['{"~":"res","id":7,"d":"r"}'])
  })
})

describe('requests on a createRoute builder', () => {
  it('answers like defineRoute, and the server asks through clientRequests', async () => {
    const built = createRoute('/built')
      .clientRequests({ name: { input: v.null(), output: v.string() } })
      .request('greet', {
        input: v.string(),
        output: v.string(),
        handler: async (greeting, connection) => `${greeting}, ${await connection.request('name', null)}`,
      })
      .build()
    const t = createTestBridge({ built })
    const client = await t.connect('/built')
    client.answer('name', () => 'Ada')
    expect(await client.request('greet', 'Hello')).toBe('Hello, Ada')
    client.send({ type: 'x' })
    expect(await client.next()).toMatchObject({ code: 'UNKNOWN_TYPE' })
    expect(() =>
      createRoute('/d')
        .request('a', { input: v.null(), output: v.null(), handler: () => null })
        .request('a', { input: v.null(), output: v.null(), handler: () => null }),
    ).toThrow('already answers request "a"')
  })
})
