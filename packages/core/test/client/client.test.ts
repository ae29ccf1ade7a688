import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { setupBridge, WsError, type ConnectionState } from '../../src/client/index.js'
import { recordingLogger } from '../logging/fake-log.js'
import { clientTestRoutes, serverLog } from './routes.js'
import { startWsHost, type WsTestHost } from './ws-host.js'

let host: WsTestHost
/** The server's log lines: a client test provokes some on purpose and asserts on them here instead of on stderr. */
const log = recordingLogger()
let n = 0
const token = (): string => `t${++n}-${Date.now()}`

async function waitFor(check: () => boolean, timeout = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  host = await startWsHost(clientTestRoutes, { prefix: '/api', logger: log })
})
afterAll(() => host.close())

const client = () =>
  setupBridge(clientTestRoutes, { baseUrl: `${host.wsUrl}/api`, WebSocket, reconnect: { initialDelay: 50, maxDelay: 200 } }).$ws

describe('client over a real ws server', () => {
  it('connects, sends and receives, with params in the path and other keys in the query', async () => {
    const received: unknown[] = []
    const conn = client().room({ roomId: 'a b', tab: 'x', lang: 'en' }, { onMessage: (m) => void received.push(m) })
    conn.send({ type: 'say', text: 'hi' })
    await waitFor(() => received.length === 2, 3000, 'two messages')
    expect(received).toEqual([
      { type: 'hello', roomId: 'a b', tab: 'x', query: { lang: 'en' } },
      { type: 'said', text: 'hi' },
    ])
    conn.close()
    const bare: unknown[] = []
    const second = client().room({ roomId: 'r' }, { onMessage: (m) => void bare.push(m) })
    await waitFor(() => bare.length === 1)
    expect(bare).toEqual([{ type: 'hello', roomId: 'r', query: {} }])
    second.close()
  })

  it('queues sends made before open and flushes them in order after onOpen', async () => {
    const t = token()
    const statuses: string[] = []
    const conn = client().echo({ t }, { onOpen: () => void statuses.push(conn.send('from onOpen')) })
    for (let i = 1; i <= 5; i++) statuses.push(conn.send(i))
    expect(statuses).toEqual(['queued', 'queued', 'queued', 'queued', 'queued'])
    await waitFor(() => (serverLog.get(t)?.length ?? 0) === 7)
    expect(serverLog.get(t)).toEqual(['open', 'from onOpen', 1, 2, 3, 4, 5])
    expect(statuses[5]).toBe('sent')
    expect(conn.send(6)).toBe('sent')
    conn.close()
  })

  it('bounds the queue: drop-newest refuses, drop-oldest evicts', async () => {
    const dropped: unknown[] = []
    const t1 = token()
    const newest = client().echo({ t: t1 }, { queue: { max: 2, onDrop: (f) => void dropped.push(f) } })
    expect([newest.send('a'), newest.send('b'), newest.send('c')]).toEqual(['queued', 'queued', 'dropped'])
    const t2 = token()
    const oldest = client().echo({ t: t2 }, { queue: { max: 2, overflow: 'drop-oldest', onDrop: (f) => void dropped.push(f) } })
    expect([oldest.send('a'), oldest.send('b'), oldest.send('c')]).toEqual(['queued', 'queued', 'queued'])
    await waitFor(() => serverLog.get(t1)?.length === 3 && serverLog.get(t2)?.length === 3)
    expect(serverLog.get(t1)).toEqual(['open', 'a', 'b'])
    expect(serverLog.get(t2)).toEqual(['open', 'b', 'c'])
    expect(dropped).toEqual(['"c"', '"a"'])
    newest.close()
    oldest.close()
  })

  it('reconnects after the server restarts, runs onReconnect, and flushes what was sent meanwhile', async () => {
    const t = token()
    const states: ConnectionState[] = []
    const events: string[] = []
    const conn = client().echo(
      { t },
      {
        onStateChange: (state) => void states.push(state),
        onOpen: ({ reconnects }) => void events.push(`open ${reconnects}`),
        onReconnect: () => void conn.send('rejoin'),
        onClose: (code, _reason, { willReconnect }) => void events.push(`close ${code} ${willReconnect}`),
      },
    )
    await conn.opened()
    const restarted = host.restart({ downFor: 300 })
    await waitFor(() => conn.state === 'reconnecting', 3000, 'reconnecting')
    expect(conn.send('while down 1')).toBe('queued')
    expect(conn.send('while down 2')).toBe('queued')
    await restarted
    await conn.opened()
    await waitFor(() => serverLog.get(t)?.filter((e) => e === 'open').length === 2 && serverLog.get(t)!.includes('while down 2'))
    const afterRestart = serverLog.get(t)!.slice(serverLog.get(t)!.lastIndexOf('open'))
    expect(afterRestart).toEqual(['open', 'rejoin', 'while down 1', 'while down 2'])
    expect(conn.reconnects).toBe(1)
    expect(events).toEqual(['open 0', 'close 1006 true', 'open 1'])
    expect(states).toEqual(['open', 'reconnecting', 'open'])
    conn.close()
    await waitFor(() => conn.state === 'closed')
  })

  it('does not reconnect after a 4401 close and reports it', async () => {
    const t = token()
    const closes: [number, string, boolean][] = []
    const conn = client().guarded(
      { t },
      {
        onClose: (code, reason, info) => void closes.push([code, reason, info.willReconnect]),
        reconnect: { initialDelay: 10, maxDelay: 10 },
      },
    )
    await waitFor(() => conn.state === 'closed')
    await sleep(300)
    expect(closes).toEqual([[4401, 'token expired', false]])
    expect(serverLog.get(t)).toEqual(['open'])
    await expect(conn.opened()).rejects.toThrow(/closed/)
    expect(conn.send('late')).toBe('dropped')
  })

  it('does not reconnect after the client closes; the server sees 1000 and the reason', async () => {
    const t = token()
    const conn = client().echo({ t })
    await conn.opened()
    conn.close(1000, 'bye')
    await waitFor(() => serverLog.get(t)?.length === 2)
    expect(serverLog.get(t)).toEqual(['open', { close: 1000, reason: 'bye' }])
    expect(conn.state).toBe('closed')
    expect(conn.readyState).toBe(3)
  })

  it('reconnects after the network drops (1006) with the same logical connection', async () => {
    const t = token()
    const received: unknown[] = []
    const conn = client().kick({ t }, { onMessage: (m) => void received.push(m) })
    conn.send({ kick: true })
    await waitFor(() => serverLog.get(t)?.filter((e) => e === 'open').length === 2, 3000, 'second open')
    conn.send('after')
    await waitFor(() => received.length === 1)
    expect(received).toEqual([{ echo: 'after' }])
    conn.close()
  })

  it('turns error frames into WsError on onError and keeps the socket open', async () => {
    const errors: Error[] = []
    const received: unknown[] = []
    const conn = client().strict({}, { onError: (e) => void errors.push(e), onMessage: (m) => void received.push(m) })
    conn.send({ n: 'not a number' } as never)
    conn.send({ n: 2 })
    await waitFor(() => errors.length === 1 && received.length === 1)
    expect(errors[0]).toBeInstanceOf(WsError)
    expect((errors[0] as WsError).code).toBe('VALIDATION_FAILED')
    expect((errors[0] as WsError).issues?.[0]?.path).toEqual(['n'])
    expect(received).toEqual([{ n: 2 }])
    expect(log.lines).toContainEqual({ level: 'warn', message: expect.stringMatching(/^\[wsbridge\] VALIDATION_FAILED route=strict /) })
    conn.close()
  })

  it('keeps a quiet connection alive with heartbeat pings answered by the server', async () => {
    const t = token()
    const errors: Error[] = []
    const conn = client().echo({ t }, { heartbeat: { interval: 40, timeout: 80 }, onError: (e) => void errors.push(e) })
    await conn.opened()
    await sleep(400)
    expect(errors).toEqual([])
    expect(conn.reconnects).toBe(0)
    expect(serverLog.get(t)).toEqual(['open'])
    conn.close()
  })

  it('treats a server that stops answering as dead and reconnects (heartbeat timeout)', async () => {
    // A bare ws server that accepts sockets and never answers anything: the heartbeat must notice.
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise((resolve) => silent.once('listening', resolve))
    let accepted = 0
    silent.on('connection', () => void accepted++)
    const { port } = silent.address() as { port: number }
    const errors: string[] = []
    const { $ws } = setupBridge(clientTestRoutes, {
      baseUrl: `ws://127.0.0.1:${port}`,
      WebSocket,
      reconnect: { initialDelay: 10, maxDelay: 10 },
    })
    const conn = $ws.echo({}, { heartbeat: { interval: 50, timeout: 50 }, onError: (e) => void errors.push(e.message) })
    await waitFor(() => accepted >= 2, 3000, 'a second connection after the heartbeat timeout')
    expect(errors[0]).toMatch(/heartbeat timeout/)
    conn.close()
    await new Promise((resolve) => silent.close(resolve))
  })
})
