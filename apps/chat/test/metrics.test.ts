import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startChatProcess, type ChatProcess } from './support/chat-process.js'

// The /metrics endpoint of the Node hosts (docs/observability.md#prometheus-metrics-in-the-chat-sample).
describe.each(['express', 'node-ws'] as const)('GET /metrics on %s', (host) => {
  let server: ChatProcess
  beforeAll(async () => {
    server = await startChatProcess(host)
  }, 40_000)
  afterAll(() => server?.stop())

  it('serves the bridge metrics in Prometheus text format, counting what happened', async () => {
    // An upgrade to a path no route serves: refused with 404 and counted.
    await new Promise<void>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/nowhere`)
      socket.on('error', () => resolve())
    })
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await response.text()
    expect(text).toMatch(/^# HELP wsbridge_upgrades_total /m)
    expect(text).toMatch(/^wsbridge_upgrades_total\{[^}]*wsbridge_upgrade_outcome="refused"[^}]*\} 1$/m)
    expect(text).toMatch(/^wsbridge_upgrades_total\{[^}]*http_response_status_code="404"[^}]*\} 1$/m)
  })
})
