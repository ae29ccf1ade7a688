import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { defineRoute } from '../../src/index.js'
import { createTestBridge, type TestClient } from '../../src/testing/index.js'
import { FuzzSurface } from './settings.js'
import { expectedRefusalClose, type FuzzRefusal as Refusal, refusalInput, refuse } from '../../../conformance/src/fuzz/refusals.js'
import { expectSendableClose } from './text.js'

// An auth refusal in `authFailure: 'close'` mode: the upgrade completes and the socket is closed at
// once, with the code and reason the hook returned or threw (or the table's). Whatever the text,
// the transport is handed a sendable code and at most 123 bytes that do not split a character.

const surface = new FuzzSurface('refusal-close-reasons (core)')
afterAll(() => void surface.report())

const refusal = refusalInput(true)

const routes = {
  refuser: defineRoute({
    kind: 'ws',
    authFailure: 'close',
    auth: ({ query }) => refuse(JSON.parse(query['r'] ?? '{"kind":"falsy"}') as Refusal),
    handler: { onMessage: () => undefined },
  }),
}

describe('fuzz: close codes and reasons of auth refusals', () => {
  const t = createTestBridge(routes)
  afterAll(() => t.close())

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
})
