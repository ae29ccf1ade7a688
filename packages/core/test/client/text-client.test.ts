import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupBridge } from '../../src/client/index.js'
import { defineRoute, routeManifest } from '../../src/index.js'
import { startWsHost, type WsTestHost } from './ws-host.js'

const routes = {
  chat: defineRoute({
    kind: 'ws',
    format: 'text',
    handler: {
      onOpen: (ws) => ws.send('Welcome!'),
      onMessage: (message, ws) => ws.send(`Echo: ${message}`),
    },
  }),
  room: defineRoute({
    kind: 'ws',
    path: '/rooms/:roomId',
    handler: { onMessage: (message, ws) => ws.send({ roomId: ws.params.roomId, echo: message }) },
  }),
}

let host: WsTestHost
beforeAll(async () => {
  host = await startWsHost(routes, { prefix: '/api', logger: false })
})
afterAll(() => host.close())

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const options = () => ({ baseUrl: `${host.wsUrl}/api`, WebSocket, reconnect: { initialDelay: 20, maxDelay: 50 } })

describe('the typed client on a text route', () => {
  it('sends and receives strings unchanged (seed 003 from the client side)', async () => {
    const received: string[] = []
    const { $ws } = setupBridge(routes, options())
    const conn = $ws.chat(undefined, { onMessage: (message) => void received.push(message) })
    conn.send('Hello!')
    conn.send('{"not":"json to anyone"}')
    await waitFor(() => received.length === 3, 'three messages')
    expect(received).toEqual(['Welcome!', 'Echo: Hello!', 'Echo: {"not":"json to anyone"}'])
    conn.close()
  })

  it('type-only with a manifest (as generated: JSON) needs no path restated and knows the text route', async () => {
    // What `import manifest from './ws-manifest.json'` types: strings widened.
    const manifest: Record<keyof typeof routes, { path: string; format: string }> = JSON.parse(JSON.stringify(routeManifest(routes)))
    expect(manifest).toEqual({ chat: { path: '/chat', format: 'text' }, room: { path: '/rooms/:roomId', format: 'json' } })
    const { $ws } = setupBridge<typeof routes>({ ...options(), manifest })
    const texts: string[] = []
    const values: unknown[] = []
    const chat = $ws.chat(undefined, { onMessage: (message) => void texts.push(message) })
    const room = $ws.room({ roomId: 'r1' }, { onMessage: (message) => void values.push(message) })
    chat.send('Hi')
    room.send('hi')
    await waitFor(() => texts.length === 2 && values.length === 1, 'replies')
    expect(texts).toEqual(['Welcome!', 'Echo: Hi'])
    expect(values).toEqual([{ roomId: 'r1', echo: 'hi' }])
    chat.close()
    room.close()
  })

  it('a route the manifest does not name is an error at the call, not a guessed URL', () => {
    const { $ws } = setupBridge<typeof routes>({ ...options(), manifest: { chat: { path: '/chat', format: 'text' } } as never })
    expect(() => $ws.room({ roomId: 'r' })).toThrow(
      '[wsbridge] no route named "room" in the manifest passed to setupBridge (regenerate it from routeManifest(routes))',
    )
  })

  it('a 404 at upgrade ends the connection with an error naming the route and URL, and no retry', async () => {
    // The type-only form without a manifest or paths guesses /api/room: the server has no route there.
    const { $ws } = setupBridge<typeof routes>({ ...options() } as never) as unknown as ReturnType<typeof setupBridge<typeof routes>>
    const errors: Error[] = []
    const states: string[] = []
    const closes: boolean[] = []
    const conn = $ws.room(
      { roomId: 'r' },
      {
        onError: (error) => void errors.push(error),
        onStateChange: (state) => void states.push(state),
        onClose: (_code, _reason, info) => void closes.push(info.willReconnect),
      },
    )
    await waitFor(() => conn.state === 'closed', 'the connection to end')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(errors.map((error) => error.message)).toEqual([
      `[wsbridge] route "room": the server has no WebSocket route at ${host.wsUrl}/api/room (HTTP 404 at upgrade); check the route's path, or the manifest the client was set up with. Not reconnecting.`,
    ])
    expect(states).toEqual(['closed'])
    expect(closes).toEqual([false])
    await expect(conn.opened()).rejects.toThrow(/closed/)
  })
})
