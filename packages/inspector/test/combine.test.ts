import type { BridgeInstrumentation, MessageScope } from '@wsbridge/core'
import { createTestBridge } from '@wsbridge/core/testing'
import { describe, expect, it } from 'vitest'
import { createInspector } from '../src/index.js'
import { routes } from './fixtures/routes.js'

describe('the inspector next to another observer', () => {
  it('records, and the other observer still gets every call and answers the bridge', async () => {
    const seen: string[] = []
    let ended = 0
    class Counting implements BridgeInstrumentation {
      opened(): void {
        seen.push('opened')
      }
      message(): MessageScope {
        seen.push('message')
        return { end: () => void ended++ }
      }
      published(): string {
        seen.push('published')
        return '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
      }
    }
    const inspector = createInspector()
    const t = createTestBridge({ ...routes, ...inspector.routes }, { instrumentation: inspector.instrument(new Counting()) })
    inspector.attach(t.bridge)
    const alice = await t.connect('/room?token=alice')
    alice.send({ type: 'say', text: 'hi' })
    expect(await alice.next()).toMatchObject({ type: 'said', text: 'hi' })
    expect(seen).toEqual(['opened', 'message', 'published'])
    expect(ended).toBe(1) // the scope the other observer returned reached the bridge
    expect(inspector.log().map((e) => e.kind)).toEqual(['open', 'in', 'out', 'publish'])
    await t.close()
  })
})
