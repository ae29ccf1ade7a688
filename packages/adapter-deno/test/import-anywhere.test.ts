import { expect, test } from 'vitest'

// The package must import where there is no Deno (an app may build the server where it only runs it
// under Deno, or share modules with Node code): nothing reads the `Deno` global as it loads. This
// file runs on Node, where there is none.
test('loads and answers plain HTTP on Node, where there is no Deno global', async () => {
  expect((globalThis as { Deno?: unknown }).Deno).toBeUndefined()
  const { createDenoWebSocket } = await import('../src/index.js')
  const adapter = createDenoWebSocket({}, { prefix: '/ws', fallback: () => new Response('app') })
  const info = { remoteAddr: { hostname: '127.0.0.1', port: 1 } }
  const response = await adapter.fetch(new Request('http://localhost/'), info)
  expect(await response.text()).toBe('app')
  await adapter.close()
})
