import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupBridge, type ConnectionState, type RestoreContext } from '../../src/client/index.js'
import { clientTestRoutes, serverLog } from './routes.js'
import { startWsHost, type WsTestHost } from './ws-host.js'

// onRestore against a real ws server: what the server receives, in which order, across restarts.
let host: WsTestHost
let n = 0
const token = (): string => `restore-${++n}-${Date.now()}`
const log = (t: string): unknown[] => serverLog.get(t) ?? []
/** The server's log since the connection's latest open. */
const sinceLastOpen = (t: string): unknown[] => log(t).slice(log(t).lastIndexOf('open'))

async function waitFor(check: () => boolean, what: string, timeout = 3000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

beforeAll(async () => {
  host = await startWsHost(clientTestRoutes, { prefix: '/api' })
})
afterAll(() => host.close())

const client = () =>
  setupBridge(clientTestRoutes, { baseUrl: `${host.wsUrl}/api`, WebSocket, reconnect: { initialDelay: 30, maxDelay: 100 } }).$ws

describe('onRestore', () => {
  it('sends its frames ahead of the queue on every open, the first one and after a restart', async () => {
    const t = token()
    const restores: number[] = []
    const conn = client().echo(
      { t },
      {
        onRestore: ({ send, reconnects }) => {
          restores.push(reconnects)
          send({ join: reconnects })
        },
        onOpen: () => void conn.send('from onOpen'),
      },
    )
    expect(conn.send('before open')).toBe('queued')
    await waitFor(() => log(t).length === 4, 'first flush')
    expect(log(t)).toEqual(['open', { join: 0 }, 'from onOpen', 'before open'])

    await host.restart({ downFor: 150 })
    await waitFor(() => conn.state === 'reconnecting', 'reconnecting')
    expect(conn.send('typed offline')).toBe('queued')
    await waitFor(() => sinceLastOpen(t).includes('typed offline'), 'flush after the restart')
    expect(sinceLastOpen(t)).toEqual(['open', { join: 1 }, 'from onOpen', 'typed offline'])
    expect(restores).toEqual([0, 1])
    conn.close()
  })

  it('holds the queue, and the open state, until a returned promise resolves', async () => {
    const t = token()
    const states: ConnectionState[] = []
    let finish: () => void = () => undefined
    let context: RestoreContext<unknown> | undefined
    const conn = client().echo(
      { t },
      {
        onStateChange: (state) => void states.push(state),
        onRestore: (restore) => {
          context = restore
          restore.send('restoring')
          return new Promise<void>((resolve) => (finish = resolve))
        },
      },
    )
    let opened = false
    void conn.opened().then(() => (opened = true))
    await waitFor(() => log(t).includes('restoring'), 'the restore frame')
    // The socket is open, but the application's sends still queue behind the restore.
    expect(conn.state).toBe('connecting')
    expect(conn.readyState).toBe(0)
    expect(conn.send('waits')).toBe('queued')
    expect(context?.send('restoring 2')).toBe('sent')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(log(t)).toEqual(['open', 'restoring', 'restoring 2'])
    expect(opened).toBe(false)

    finish()
    await waitFor(() => log(t).includes('waits'), 'the flush')
    expect(log(t)).toEqual(['open', 'restoring', 'restoring 2', 'waits'])
    expect(opened).toBe(true)
    expect(states).toEqual(['open'])
    expect(conn.send('now direct')).toBe('sent')
    conn.close()
  })

  it('drops the socket and tries again when the restore fails; the queue waits for one that succeeds', async () => {
    const t = token()
    const errors: string[] = []
    let attempts = 0
    const conn = client().echo(
      { t },
      {
        onError: (error) => void errors.push(error.message),
        onRestore: async ({ send }) => {
          attempts++
          send(`attempt ${attempts}`)
          if (attempts === 1) throw new Error('room is gone')
          if (attempts === 2) return Promise.reject(new Error('still gone'))
        },
      },
    )
    conn.send('queued once')
    await waitFor(() => log(t).includes('queued once'), 'the flush after the third attempt')
    expect(errors).toEqual(['room is gone', 'still gone'])
    expect(log(t).filter((entry) => entry !== 'open')).toEqual([
      'attempt 1',
      { close: 4000, reason: 'Restore failed' },
      'attempt 2',
      { close: 4000, reason: 'Restore failed' },
      'attempt 3',
      'queued once',
    ])
    expect(conn.state).toBe('open')
    expect(conn.reconnects).toBe(0) // restored sockets only: the first success is the first open
    conn.close()
  })

  it('aborts a restore whose socket closes; its late resolution opens nothing', async () => {
    const t = token()
    const contexts: RestoreContext<unknown>[] = []
    const finishers: (() => void)[] = []
    const conn = client().echo(
      { t },
      {
        onRestore: (context) => {
          contexts.push(context)
          return new Promise<void>((resolve) => finishers.push(resolve))
        },
      },
    )
    conn.send('after restore')
    await waitFor(() => contexts.length === 1, 'first restore')
    await host.restart({ downFor: 50 })
    await waitFor(() => contexts[0]!.signal.aborted, 'abort')
    expect(contexts[0]!.send('late')).toBe('dropped')
    finishers[0]!()
    await waitFor(() => contexts.length === 2, 'second restore')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(conn.state).toBe('reconnecting')
    expect(log(t)).not.toContain('after restore')

    finishers[1]!()
    await waitFor(() => log(t).includes('after restore'), 'the flush')
    expect(conn.state).toBe('open')
    conn.close()
  })

  it('close() during a restore ends the connection without opening it', async () => {
    const t = token()
    let context: RestoreContext<unknown> | undefined
    const states: ConnectionState[] = []
    const conn = client().echo(
      { t },
      {
        onStateChange: (state) => void states.push(state),
        onRestore: (restore) => {
          context = restore
          return new Promise<void>(() => undefined)
        },
      },
    )
    conn.send('never')
    await waitFor(() => context !== undefined, 'restore')
    conn.close()
    await waitFor(() => conn.state === 'closed', 'closed')
    expect(context!.signal.aborted).toBe(true)
    expect(states).toEqual(['closing', 'closed'])
    await expect(conn.opened()).rejects.toThrow(/closed/)
    await waitFor(() => log(t).length === 2, 'the server saw the close')
    expect(log(t)).toEqual(['open', { close: 1000, reason: '' }])
  })
})
