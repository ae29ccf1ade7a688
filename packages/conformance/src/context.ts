import type { CaseDeadline } from './case-deadline.js'
import { openClient, type WireClient, type WireClientOptions } from './client.js'
import type { FixtureConfig } from './fixture/config.js'
import type { WireRefusal } from './fixture/protocol.js'
import type { BridgeErrorRecord, LogRecord } from './host-events.js'
import type { ConformanceHost, HostCapabilities } from './host.js'
import { forget } from './recorder.js'
import { RunningHost } from './running-host.js'

export type { BridgeErrorRecord, LogRecord } from './host-events.js'

/** State shared by every case of one host run. */
export interface SharedState {
  readonly host: ConformanceHost
  readonly capabilities: HostCapabilities
  readonly prefix: string
  running: RunningHost | undefined
  startError: unknown
}

/** What a case receives: the running host plus helpers whose resources are released after the case. */
export interface SuiteContext {
  /** The host under test, as declared. */
  readonly host: ConformanceHost
  /** Its capabilities, with the defaults filled in. */
  readonly capabilities: HostCapabilities
  /** The prefix every fixture route is mounted under, e.g. `/ws`. */
  readonly prefix: string
  /** The host process the suite started for the run (every case shares it). */
  readonly running: RunningHost
  /** Every bridge `onError` call since the host started. */
  readonly bridgeErrors: readonly BridgeErrorRecord[]
  /** Every bridge `onRefused` call since the host started. */
  readonly refusals: readonly WireRefusal[]
  /** Every line the bridge logged since the host started (the run's host logs with no line cap). */
  readonly logLines: readonly LogRecord[]
  /** `ws://host:port` + prefix + `path` (path includes any query string). */
  url(path: string): string
  /** Opens a client to `prefix + path`; it is terminated when the case ends. */
  connect(path: string, options?: WireClientOptions): Promise<WireClient>
  /** A fresh recorder token (`?t=<token>`), forgotten when the case ends. */
  token(): string
  /**
   * Starts another process of the same host with other bridge options (limits, compression, a log
   * cap) or only some route files; it is ended when the case ends.
   */
  startHost(config?: Omit<FixtureConfig, 'prefix' | 'port'>): Promise<RunningHost>
  /** `running.restart()`, its boot left out of the case's time limit as every host start is. */
  restartHost(): Promise<void>
}

/** Starts `host` with `config` and returns it running, or throws with what the host printed. */
export async function startHost(host: ConformanceHost, config: FixtureConfig): Promise<RunningHost> {
  const running = new RunningHost(host, config)
  await running.start()
  return running
}

/** How long cleanup waits for the server to release a case's connections before moving on. */
const RELEASE_TIMEOUT = 2000

export function createCaseContext(shared: SharedState, deadline?: CaseDeadline): { ctx: SuiteContext; cleanup(): Promise<void> } {
  if (!shared.running) throw new Error(`host ${shared.host.name} did not start: ${String(shared.startError)}`)
  const running = shared.running
  const clients: WireClient[] = []
  const tokens: string[] = []
  const hosts: RunningHost[] = []
  const url = (path: string): string => `${running.wsUrl}${shared.prefix}${path}`
  const ctx: SuiteContext = {
    host: shared.host,
    capabilities: shared.capabilities,
    prefix: shared.prefix,
    running,
    bridgeErrors: running.events.bridgeErrors,
    refusals: running.events.refusals,
    logLines: running.events.logLines,
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
    async restartHost() {
      const resume = deadline?.pause()
      try {
        await running.restart()
      } finally {
        resume?.()
      }
    },
    async startHost(config = {}) {
      const started = new RunningHost(shared.host, { ...config, prefix: shared.prefix })
      hosts.push(started)
      const resume = deadline?.pause()
      try {
        await started.start()
      } finally {
        resume?.()
      }
      return started
    },
  }
  return {
    ctx,
    // Terminates the case's clients and waits until the server has released them, so the next
    // case starts from an empty bridge (cases that count connections rely on it).
    async cleanup() {
      for (const client of clients) client.terminate()
      await Promise.all(clients.map((client) => client.closed))
      await Promise.all(hosts.map((host) => host.kill()))
      await running.connectionsAre(0, RELEASE_TIMEOUT).catch(() => undefined)
      for (const token of tokens) forget(token)
    },
  }
}
