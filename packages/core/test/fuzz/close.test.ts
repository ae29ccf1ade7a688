import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { defineRoute, errorCodes, WsError, type WsErrorCode } from '../../src/index.js'
import { createTestBridge, type TestBridge, type TestClient } from '../../src/testing/index.js'
import { FuzzSurface } from './settings.js'
import { anyCloseCode, anyText, closeReason, expectSendableClose, isSendableCloseCode, utf8Length, validCloseCode } from './text.js'

// Every way an open connection is closed with a code and reason: `connection.close`, a WsError
// thrown by a handler on an `onInvalid: 'close'` route, the policy closes (size, depth, rate,
// binary, backpressure) and shutdown; auth refusals in `authFailure: 'close'` mode are
// refusal-close.test.ts's. Whatever the text, the transport is handed a sendable code and at most
// 123 bytes that do not split a character.

const surface = new FuzzSurface('close-reasons (core)')
afterAll(() => void surface.report())

const CLOSING_CODES: ReadonlySet<string> = new Set(['INVALID_JSON', 'VALIDATION_FAILED', 'UNKNOWN_TYPE', 'TOO_DEEP'])
const wsErrorCode = fc.constantFrom(...(Object.keys(errorCodes) as WsErrorCode[]))

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
