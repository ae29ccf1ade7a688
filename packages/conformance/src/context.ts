import type { WsError, WsRefusal } from '@wsbridge/core'
import { openClient, type WireClientOptions, type WireClient } from './client.js'
import { forget } from './recorder.js'
import type { ConformanceHost, HostCapabilities, RunningHost } from './host.js'

/** One call of the bridge-level `onError` hook, as the suite saw it. */
export interface BridgeErrorRecord {
  readonly error: WsError
  readonly route: string | undefined
  /** The `t` query parameter of the connection, when it had one (the recorder token). */
  readonly token: string | undefined
  /** The connection's id, when the error was on a connection. */
  readonly connection: string | undefined
}

/** One line the host's bridge wrote through the `logger` the suite passes. */
export interface LogRecord {
  readonly level: 'error' | 'warn' | 'info' | 'debug'
  readonly message: string
  /** What `error` got with the line (the thrown value), if anything. */
  readonly error?: unknown
}

/** State shared by every case of one host run. */
export interface SharedState {
  readonly host: ConformanceHost
  readonly capabilities: HostCapabilities
  readonly prefix: string
  running: RunningHost | undefined
  startError: unknown
  readonly bridgeErrors: BridgeErrorRecord[]
  readonly refusals: WsRefusal[]
  readonly logLines: LogRecord[]
}

/** What a case receives: the running host plus helpers whose resources are released after the case. */
export interface SuiteContext {
  readonly host: ConformanceHost
  readonly capabilities: HostCapabilities
  /** The prefix every demo route is mounted under, e.g. `/ws`. */
  readonly prefix: string
  readonly running: RunningHost
  /** Every bridge `onError` call since the host started. */
  readonly bridgeErrors: readonly BridgeErrorRecord[]
  /** Every bridge `onRefused` call since the host started. */
  readonly refusals: readonly WsRefusal[]
  /** Every line the bridge logged since the host started (the suite's host runs with no line cap). */
  readonly logLines: readonly LogRecord[]
  /** `ws://host:port` + prefix + `path` (path includes any query string). */
  url(path: string): string
  /** Opens a client to `prefix + path`; it is terminated when the case ends. */
  connect(path: string, options?: WireClientOptions): Promise<WireClient>
  /** A fresh recorder token (`?t=<token>`), forgotten when the case ends. */
  token(): string
}

/** How long cleanup waits for the server to release a case's connections before moving on. */
const RELEASE_TIMEOUT = 2000

export function createCaseContext(shared: SharedState): { ctx: SuiteContext; cleanup(): Promise<void> } {
  if (!shared.running) throw new Error(`host ${shared.host.name} did not start: ${String(shared.startError)}`)
  const running = shared.running
  const clients: WireClient[] = []
  const tokens: string[] = []
  const url = (path: string): string => `${running.wsUrl}${shared.prefix}${path}`
  const ctx: SuiteContext = {
    host: shared.host,
    capabilities: shared.capabilities,
    prefix: shared.prefix,
    running,
    bridgeErrors: shared.bridgeErrors,
    refusals: shared.refusals,
    logLines: shared.logLines,
    url,
    async connect(path, options) {
      const client = await openClient(url(path), options)
      clients.push(client)
      return client
    },
    token() {
      const token = crypto.randomUUID()
      tokens.push(token)
      return token
    },
  }
  return {
    ctx,
    // Terminates the case's clients and waits until the server has released them, so the next
    // case starts from an empty bridge (cases that count connections rely on it).
    async cleanup() {
      for (const client of clients) client.terminate()
      await Promise.all(clients.map((client) => client.closed))
      const deadline = Date.now() + RELEASE_TIMEOUT
      while (running.bridge.connections.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
      for (const token of tokens) forget(token)
    },
  }
}
