import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { defineRoute, errorCodes, WsError, type AuthRejection, type WsErrorCode } from '../../src/index.js'
import { createTestBridge, type TestBridge, type TestClient } from '../../src/testing/index.js'
import { FuzzSurface } from './settings.js'
import { anyCloseCode, anyText, closeReason, expectSendableClose, isSendableCloseCode, utf8Length, validCloseCode } from './text.js'

// Every way a close code and reason reach the runtime: `connection.close`, a WsError thrown by a
// handler on an `onInvalid: 'close'` route, an auth refusal in `authFailure: 'close'` mode, the
// policy closes (size, depth, rate, binary, backpressure) and shutdown. Whatever the text, the
// transport is handed a sendable code and at most 123 bytes that do not split a character.

const surface = new FuzzSurface('close-reasons (core)')
afterAll(() => void surface.report())

const CLOSING_CODES: ReadonlySet<string> = new Set(['INVALID_JSON', 'VALIDATION_FAILED', 'UNKNOWN_TYPE', 'TOO_DEEP'])
const wsErrorCode = fc.constantFrom(...(Object.keys(errorCodes) as WsErrorCode[]))

/** An auth refusal as the query carries it (JSON, so lone surrogates survive the URL). */
type Refusal =
  | { kind: 'return'; code?: number; reason?: string }
  | { kind: 'throw'; code: 'UNAUTHORIZED' | 'FORBIDDEN'; reason: string }
  | { kind: 'falsy' }

const refusal: fc.Arbitrary<Refusal> = fc.oneof(
  fc.record(
    { kind: fc.constant('return' as const), code: fc.oneof(anyCloseCode, fc.constantFrom(401, 403, 4401, 4403)), reason: closeReason },
    { requiredKeys: ['kind'] },
  ),
  fc.record({
    kind: fc.constant('throw' as const),
    code: fc.constantFrom('UNAUTHORIZED' as const, 'FORBIDDEN' as const),
    reason: closeReason,
  }),
  fc.constant({ kind: 'falsy' as const }),
)

/** Always refuses; the user type is there so the route has one (a refusal-only hook would type `user` as never). */
function refuse(spec: Refusal): AuthRejection | { id: string } | null {
  if (spec.kind === 'falsy') return null
  if (spec.kind === 'throw') throw new WsError(spec.code, spec.reason)
  return {
    success: false,
    ...(spec.code === undefined ? {} : { code: spec.code }),
    ...(spec.reason === undefined ? {} : { reason: spec.reason }),
  }
}

/** docs/errors.md and security.md: 403/4403 mean forbidden, an integer 4000-4999 is used as-is, the reason defaults to the table's. */
function expectedRefusalClose(spec: Refusal): { code: number; reason: string } {
  if (spec.kind === 'falsy') return { code: 4401, reason: errorCodes.UNAUTHORIZED.message }
  if (spec.kind === 'throw') return { code: spec.code === 'FORBIDDEN' ? 4403 : 4401, reason: spec.reason }
  const forbidden = spec.code === 403 || spec.code === 4403
  const own = spec.code !== undefined && Number.isInteger(spec.code) && spec.code >= 4000 && spec.code <= 4999
  return {
    code: own ? spec.code! : forbidden ? 4403 : 4401,
    reason: spec.reason ?? (forbidden ? errorCodes.FORBIDDEN.message : errorCodes.UNAUTHORIZED.message),
  }
}

const routes = {
  closer: defineRoute({
    kind: 'ws',
    handler: { onMessage: (m, c) => c.close((m as { code: number }).code, (m as { reason: string }).reason) },
  }),
  thrower: defineRoute({
    kind: 'ws',
    onInvalid: 'close',
    handler: {
      onMessage: (m) => {
        throw new WsError((m as { code: WsErrorCode }).code, (m as { message: string }).message)
      },
    },
  }),
  refuser: defineRoute({
    kind: 'ws',
    authFailure: 'close',
    auth: ({ query }) => refuse(JSON.parse(query['r'] ?? '{"kind":"falsy"}') as Refusal),
    handler: { onMessage: () => undefined },
  }),
  policies: defineRoute({
    kind: 'ws',
    onInvalid: 'close',
    limits: {
      maxPayloadLength: 64,
      maxDepth: 4,
      rateLimit: { messages: 4, interval: 60_000, policy: 'close' },
      backpressureLimit: 16,
      backpressurePolicy: 'close',
    },
    handler: { onMessage: (m, c) => void c.send({ echo: m }) },
  }),
}

async function settled(t: TestBridge<typeof routes>, client: TestClient): Promise<void> {
  await client.flush()
  client.close()
  await client.flush()
  expect(t.bridge.connections.size).toBe(0)
  expect(t.bridge.topicCount).toBe(0)
}

describe('fuzz: close codes and reasons', () => {
  const t = createTestBridge(routes)
  afterAll(() => t.close())

  it(
    'connection.close: a sendable close, or INVALID_CLOSE_CODE thrown to the handler and the socket kept',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          anyCloseCode,
          closeReason,
          surface.counted(async (code: number, reason: string) => {
            const client = await t.connect('/closer')
            client.send({ code, reason })
            await client.flush()
            if (client.closed) expectSendableClose(client.closed, code, reason)
            else expect(client.sent).toEqual([expect.objectContaining({ type: 'error', code: 'INVALID_CLOSE_CODE' })])
            // A sendable request is never refused; an invalid code is never sent.
            if (isSendableCloseCode(code) && utf8Length(reason) <= 123) expect(client.closed).toBeDefined()
            if (!isSendableCloseCode(code)) expect(client.closed).toBeUndefined()
            await settled(t, client)
          }),
        ),
        surface.params(300),
      )
    },
    surface.timeout(300, 5),
  )

  it(
    "a WsError thrown on an onInvalid: 'close' route closes with the table's code and its message trimmed, or answers an error frame",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          wsErrorCode,
          closeReason,
          surface.counted(async (code: WsErrorCode, message: string) => {
            const client = await t.connect('/thrower')
            client.send({ code, message })
            await client.flush()
            if (CLOSING_CODES.has(code)) expectSendableClose(client.closed!, errorCodes[code].close, message)
            else expect(client.sent).toEqual([expect.objectContaining({ type: 'error', code })])
            await settled(t, client)
          }),
        ),
        surface.params(300),
      )
    },
    surface.timeout(300, 5),
  )

  it(
    "an auth refusal in authFailure: 'close' mode closes with 4401/4403 or the hook's own 4xxx code and its reason trimmed",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          refusal,
          surface.counted(async (spec: Refusal) => {
            const result = await t.upgrade(`/refuser?r=${encodeURIComponent(JSON.stringify(spec))}`)
            expect(result.ok).toBe(true)
            const client = (result as { client: TestClient }).client
            const close = await client.waitForClose()
            const expected = expectedRefusalClose(spec)
            expectSendableClose(close, expected.code, expected.reason)
            expect(t.bridge.connections.size).toBe(0)
          }),
        ),
        surface.params(300),
      )
    },
    surface.timeout(300, 5),
  )

  it(
    'policy closes (size, depth, rate, binary, backpressure) send a documented code with its table reason',
    async () => {
      const step = fc.oneof(
        fc.record({ text: anyText(80) }),
        fc.record({ text: fc.json({ maxDepth: 6 }) }),
        fc.record({ binary: fc.uint8Array({ maxLength: 8 }) }),
        fc.record({ buffered: fc.nat(32) }),
      )
      const policyCloses = new Map<string, number>(Object.values(errorCodes).map((entry) => [entry.message, entry.close]))
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 1, maxLength: 8 }),
          surface.counted(async (steps) => {
            const client = await t.connect('/policies')
            for (const s of steps) {
              if (client.closed) break
              if ('buffered' in s) client.bufferedAmount = s.buffered
              else if ('binary' in s) client.sendBinary(s.binary)
              else client.sendText(s.text)
              await client.flush()
            }
            if (client.closed) {
              expect(policyCloses.get(client.closed.reason), `reason ${JSON.stringify(client.closed.reason)}`).toBe(client.closed.code)
              expectSendableClose(client.closed, client.closed.code, client.closed.reason)
            }
            await settled(t, client)
          }),
        ),
        surface.params(200),
      )
    },
    surface.timeout(200, 5),
  )

  it(
    'shutdown: bridge.close({ code, reason }) closes every connection with that code and the reason trimmed, and resolves',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          validCloseCode,
          closeReason,
          fc.integer({ min: 1, max: 3 }),
          surface.counted(async (code: number, reason: string, count: number) => {
            const own = createTestBridge(routes)
            const clients = await Promise.all(Array.from({ length: count }, () => own.connect('/closer')))
            const [closes] = await Promise.all([
              Promise.all(clients.map((client) => client.waitForClose())),
              own.bridge.close({ code, reason, timeout: 50 }),
            ])
            for (const close of closes) expectSendableClose(close, code, reason)
            expect(own.bridge.connections.size).toBe(0)
          }),
        ),
        surface.params(100),
      )
    },
    surface.timeout(100, 5),
  )
})
