import { type AuthRejection, defineRoute, type Connection } from '@wsbridge/core'
import { expect, test } from 'vitest'
import { openClient } from './client.js'
import { delay } from './helpers.js'
import { rawUpgradeRequest } from './raw-http.js'

/**
 * Adapter smoke tests: the routes and the checks each adapter's own tests run over real sockets,
 * next to the conformance suite (under vitest or `bun test`, like the suite).
 */

/** The user `smokeRoutes.secret` accepts. */
interface SmokeUser {
  /** Always `'ada'`. */
  readonly name: string
}

/** Every close `smokeRoutes.echo` saw, in order. */
export const smokeCloses: {
  /** The route's key. */
  route: string
  /** The close code `onClose` got. */
  code: number
  /** The close reason `onClose` got. */
  reason: string
}[] = []

const recordClose = (connection: Connection, code: number, reason: string) =>
  void smokeCloses.push({ route: connection.route, code, reason })

/** Routes the smoke tests drive; each one exposes one piece of connection state to the client. */
export const smokeRoutes = {
  /** Welcomes with its route key, echoes text (closes 4001 on `close-me`) and binary, records closes. */
  echo: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.send({ welcome: connection.route }),
      onMessage: (message, connection) => {
        if (message === 'close-me') connection.close(4001, 'asked to')
        else connection.send({ echo: message })
      },
      onBinary: (data, connection) => connection.send(data),
      onClose: recordClose,
    },
  }),
  /** At `/who/:name`: sends its params, query, ip, `x-test` header and URL scheme on open. */
  whoami: defineRoute({
    kind: 'ws',
    path: '/who/:name',
    handler: {
      onOpen: (connection) =>
        connection.send({
          params: connection.params,
          query: connection.query,
          ip: connection.ip,
          header: connection.headers['x-test'] ?? null,
          scheme: connection.url.protocol,
        }),
      onMessage: () => undefined,
    },
  }),
  /** Auth by `?token=`: `good` is user ada, `banned` is refused 403, anything else 401. */
  secret: defineRoute({
    kind: 'ws',
    auth: ({ query }): SmokeUser | AuthRejection | null =>
      query['token'] === 'good' ? { name: 'ada' } : query['token'] === 'banned' ? { success: false, code: 403, reason: 'banned' } : null,
    handler: {
      onOpen: (connection) => connection.send({ user: connection.user }),
      onMessage: () => undefined,
    },
  }),
}

/** Where a server serves `smokeRoutes` under the prefix `/api`. */
export interface SmokeTarget {
  /** The server's `ws://host:port` origin. */
  readonly wsUrl: string
  /** The same server's `http://host:port` origin, for raw HTTP upgrade requests. */
  readonly httpUrl: string
}

/**
 * Registers, inside the caller's `describe`, the smoke tests every adapter shares. `target` is read
 * when each test runs, so it may return a server started in a `beforeAll`.
 */
export function smokeTests(target: () => SmokeTarget): void {
  const ws = (path: string): string => `${target().wsUrl}/api${path}`

  test('echo round trip, welcome first, and a message sent in the open callback is not lost', async () => {
    const socket = await openClient(ws('/echo'), { onOpen: (client) => client.send('early') })
    expect(await socket.next()).toEqual({ welcome: 'echo' })
    expect(await socket.next()).toEqual({ echo: 'early' })
    socket.send({ n: 1 })
    expect(await socket.next()).toEqual({ echo: { n: 1 } })
    socket.close()
    await socket.closed
  })

  test('params, query, ip and headers reach the connection', async () => {
    const socket = await openClient(ws('/who/ada?x=1'), { headers: { 'x-test': 'yes' } })
    expect(await socket.next()).toEqual({ params: { name: 'ada' }, query: { x: '1' }, ip: '127.0.0.1', header: 'yes', scheme: 'ws:' })
    socket.close()
  })

  test('the real close codes and reasons travel both ways', async () => {
    const serverSide = await openClient(ws('/echo'))
    await serverSide.next()
    serverSide.send('close-me')
    expect(await serverSide.closed).toEqual({ code: 4001, reason: 'asked to' })

    const clientSide = await openClient(ws('/echo'))
    await clientSide.next()
    clientSide.close(4321, 'client leaving')
    await clientSide.closed
    await delay(30)
    expect(smokeCloses).toContainEqual({ route: 'echo', code: 4321, reason: 'client leaving' })
  })

  test('auth rejections are HTTP statuses before the upgrade; accepted users reach the socket', async () => {
    expect((await rawUpgradeRequest(target().httpUrl, '/api/secret')).status).toBe(401)
    expect((await rawUpgradeRequest(target().httpUrl, '/api/secret?token=banned')).status).toBe(403)
    const socket = await openClient(ws('/secret?token=good'))
    expect(await socket.next()).toEqual({ user: { name: 'ada' } })
    socket.close()
  })

  test('the first offered subprotocol is echoed', async () => {
    const socket = await openClient(ws('/echo'), { protocols: ['chat.v2', 'chat.v1'] })
    expect(socket.raw.protocol).toBe('chat.v2')
    socket.close()
  })
}

/**
 * For a server started with `maxPayloadLength: 1024` whose `onError` pushes each error's code to
 * `errorCodes`: a 4096-byte frame to the echo route at `url` gets the runtime's own 1009 close, and
 * the bridge reports exactly one PAYLOAD_TOO_LARGE.
 */
export async function expectOversizedFrameRejected(url: string, errorCodes: readonly string[]): Promise<void> {
  const socket = await openClient(url)
  await socket.next()
  socket.sendBinary(new Uint8Array(4096))
  expect((await socket.closed).code).toBe(1009)
  await delay(20)
  expect(errorCodes).toEqual(['PAYLOAD_TOO_LARGE'])
}
