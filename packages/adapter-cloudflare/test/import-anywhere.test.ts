import { describe, expect, it } from 'vitest'

describe('importing the adapter outside workerd', () => {
  it('reads no runtime global while it loads, and none until a request is upgraded', async () => {
    const globals = globalThis as { WebSocketPair?: unknown; WebSocketRequestResponsePair?: unknown }
    expect(globals.WebSocketPair).toBeUndefined()
    const { createDurableObjectWebSocket } = await import('../src/index.js')
    const calls: string[] = []
    const state = {
      acceptWebSocket: () => void calls.push('accept'),
      getWebSockets: () => (calls.push('getWebSockets'), []),
      setWebSocketAutoResponse: () => void calls.push('autoResponse'),
    }
    const adapter = createDurableObjectWebSocket({}, state)
    expect(calls).toEqual(['getWebSockets'])
    // A plain request never needs workerd's globals.
    const response = await adapter.fetch(new Request('http://h/x'))
    expect(response.status).toBe(404)
  })
})
