import { describe, expect, it } from 'vitest'
import { defineRoute } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

// Resume stamps JSON: a stamped frame embeds the message as JSON. So a text route cannot set
// `resume`, and on a topic a resume route made, a text frame that is not JSON goes out unstamped
// and unbuffered (as binary frames do), never as a broken stamped frame.
const routes = {
  feed: defineRoute({ kind: 'ws', resume: true, handler: { onOpen: (c) => c.subscribe('news'), onMessage: () => undefined } }),
  notes: defineRoute({
    kind: 'ws',
    format: 'text',
    handler: { onMessage: (message, c) => c.publish('news', message) },
  }),
}

describe('text frames on a resume topic', () => {
  it('go out unstamped unless they are JSON, and every frame a subscriber gets is well-formed', async () => {
    const t = createTestBridge(routes, { logger: false })
    const reader = await t.connect('/feed')
    const writer = await t.connect('/notes')
    writer.sendText('plain words')
    writer.sendText('{"n":1}')
    await writer.flush()
    expect(reader.frames).toHaveLength(2)
    expect(reader.frames[0]).toBe('plain words')
    expect(JSON.parse(reader.frames[1] as string)).toMatchObject({ '~': 'msg', t: 'news', s: 1, d: { n: 1 } })
    await t.close()
  })
})
