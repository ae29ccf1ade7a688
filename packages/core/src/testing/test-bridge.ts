import { createBridge, type Bridge, type BridgeOptions } from '../bridge.js'
import type { Connection } from '../connection-types.js'
import type { WsError, WsErrorCode } from '../errors.js'
import type { PubSubMessage } from '../pubsub/driver.js'
import type { Routes } from '../route.js'
import { recordingDriver } from './recorder.js'
import { decodeFrame, TestClient } from './test-client.js'

/**
 * How `upgrade`/`connect` present the upgrade request: headers, offered subprotocols and the peer address.
 */
export interface TestConnectOptions {
  /** Upgrade request headers (any case). */
  readonly headers?: Readonly<Record<string, string>>
  /** Subprotocols the client offers (sent as `Sec-WebSocket-Protocol`). */
  readonly protocols?: readonly string[]
  /** The peer address the "runtime" reports. Default `127.0.0.1`. */
  readonly ip?: string
}

/** An upgrade the bridge refused: what a real adapter would answer over HTTP. */
export interface TestRejection {
  /** Marks a refusal, so `if (upgrade.ok)` narrows to the client. */
  readonly ok: false
  /** HTTP status: 404 for no route, 401/403 for auth, and so on. */
  readonly status: number
  /** The refusal's error code (`ROUTE_NOT_FOUND`, `UNAUTHORIZED`, …). */
  readonly code: WsErrorCode
  /** The message a real adapter would put in the HTTP body. */
  readonly message: string
}

/**
 * The outcome of `testBridge.upgrade`: a connected `TestClient`, or the refusal a real adapter would
 * have answered. Use it to test auth and origin refusals; `connect` when the upgrade should succeed.
 */
export type TestUpgrade =
  | {
      /** The upgrade was accepted. */
      readonly ok: true
      /** The open connection, driven from the test. */
      readonly client: TestClient
    }
  | TestRejection

/** Thrown by `connect` when the upgrade is refused; carries the HTTP status. */
export class UpgradeRejectedError extends Error {
  /** Always `'UpgradeRejectedError'`. */
  override readonly name = 'UpgradeRejectedError'
  /** The HTTP status the upgrade was refused with. */
  readonly status: number
  /** The refusal's error code. */
  readonly code: WsErrorCode
  constructor(rejection: TestRejection) {
    super(`[wsbridge/testing] upgrade refused with ${rejection.status} ${rejection.code}: ${rejection.message}`)
    this.status = rejection.status
    this.code = rejection.code
  }
}

/**
 * A real bridge over in-memory sockets (`createTestBridge`): upgrade and connect test clients,
 * read the errors and publishes it saw, and close it, all without a runtime or a port.
 */
export interface TestBridge<R extends Routes> {
  /** The real bridge under test. */
  readonly bridge: Bridge<R>
  /** Upgrades like an adapter would and returns the outcome, refusals included. */
  upgrade(url: string, options?: TestConnectOptions): Promise<TestUpgrade>
  /** Upgrades and returns the connected client; rejects with UpgradeRejectedError when refused. */
  connect(url: string, options?: TestConnectOptions): Promise<TestClient>
  /** Every error reported on this bridge, in order (also passed on to `options.onError`). */
  readonly errors: readonly WsError[]
  /** Decoded messages published to `topic` so far (by handlers, broadcasts or `bridge.publish`). */
  published(topic: string): unknown[]
  /** Shuts the bridge down (1001 to every client) and resolves when all are closed. */
  close(): Promise<void>
}

/**
 * An in-memory host for unit tests: drives the real `createBridge` (router, auth, connection,
 * codec, validation, pub/sub) through fake transports, like Phoenix's ChannelTest.
 * `url` is what the browser would request, prefix included (`/api/chat/room1?x=1`).
 */
export function createTestBridge<const R extends Routes>(routes: R, options: BridgeOptions = {}): TestBridge<R> {
  const errors: WsError[] = []
  const publishes: PubSubMessage[] = []
  // Errors are collected instead of logged: tests of invalid input would otherwise flood the output.
  const onError = (error: WsError, connection: Connection | undefined): void => {
    errors.push(error)
    options.onError?.(error, connection)
  }
  const pubsub = recordingDriver(options.pubsub, (message) => publishes.push(message))
  // No log lines unless the test asks for a logger: `errors` (and onRefused) carry everything.
  const bridge = createBridge(routes, { ...options, onError, pubsub, logger: options.logger ?? false })

  async function upgrade(url: string, connectOptions: TestConnectOptions = {}): Promise<TestUpgrade> {
    const match = bridge.match(url)
    if (!match) {
      const refused = bridge.notFound({ url, headers: connectOptions.headers ?? {}, ip: connectOptions.ip ?? '127.0.0.1' })
      return { ok: false, status: 404, code: 'ROUTE_NOT_FOUND', message: refused?.message ?? 'Not found' }
    }
    const headers: Record<string, string> = { ...connectOptions.headers }
    if (connectOptions.protocols) headers['sec-websocket-protocol'] = connectOptions.protocols.join(', ')
    const decision = await bridge.authorize({ url, headers, ip: connectOptions.ip ?? '127.0.0.1' }, match)
    if (!decision.ok) return { ok: false, status: decision.status, code: decision.error.code, message: decision.message }
    const client = new TestClient(decision.protocol)
    const before = new Set(bridge.connections)
    const events = bridge.open(decision, client.transport())
    // No new connection means the bridge accepted the upgrade only to close it at once (auth in
    // 'close' mode, connection caps): the client is returned and `closed` says why.
    client.attach(
      events,
      [...bridge.connections].find((c) => !before.has(c)),
    )
    return { ok: true, client }
  }

  return {
    bridge,
    errors,
    upgrade,
    published: (topic) => publishes.filter((m) => m.topics.includes(topic)).map((m) => decodeFrame(m.frame)),
    async connect(url, connectOptions) {
      const result = await upgrade(url, connectOptions)
      if (!result.ok) throw new UpgradeRejectedError(result)
      return result.client
    },
    close: () => bridge.close({ timeout: 100 }),
  }
}
