import { createBridge, type Bridge } from '@wsbridge/core'
import type { Inspector } from '@wsbridge/inspector'
import { chatRoutes, publishRoomPresence, type ChatRoutes } from '../routes.js'
import { backplaneReady, createBackplane } from './backplane.js'
import { readConfig, type ChatConfig } from './config.js'
import { createChatMetrics, type ChatMetrics } from './metrics.js'
import { chatInspector } from './inspector.js'
import { loadPage, type Page } from './page.js'
import { assertRedisReachable } from './redis-reachable.js'
import { failStartup, urlHost } from './startup-failure.js'

/** What every entry point needs before it starts its runtime's server. */
export interface ChatSetup {
  readonly config: ChatConfig
  readonly bridge: Bridge<ChatRoutes>
  readonly page: Page
  /** The bridge's metrics; the Node hosts serve them at `GET /metrics`. */
  readonly metrics: ChatMetrics
  /** The live inspector when WSBRIDGE_INSPECTOR=1 (development only, see inspector.ts); hosts serve its page. */
  readonly inspector: Inspector | undefined
}

/**
 * The one place the chat's bridge is configured: every host serves the routes under `/api`, and
 * with REDIS_URL set they publish through Redis so several instances share rooms.
 */
export async function setupChat(host: string): Promise<ChatSetup> {
  try {
    return await setup(host)
  } catch (error) {
    failStartup(error)
  }
}

async function setup(host: string): Promise<ChatSetup> {
  const config = readConfig()
  if (config.redisUrl) await assertRedisReachable(config.redisUrl)
  const [pubsub, page] = await Promise.all([createBackplane(config.redisUrl), loadPage(config.instance)])
  const name = serverName(host, config)
  const routes = chatRoutes(name)
  const metrics = createChatMetrics()
  const inspector = chatInspector(name)
  const bridge: Bridge<ChatRoutes> = createBridge(
    { ...routes, ...inspector?.routes },
    {
      prefix: '/api',
      instrumentation: inspector ? inspector.instrument(metrics.instrumentation) : metrics.instrumentation,
      ...(pubsub && { pubsub }),
    },
  )
  inspector?.attach(bridge)
  if (pubsub && config.redisUrl) await backplaneReady(pubsub, config.redisUrl)
  publishRoomPresence(bridge)
  return { config, bridge, page, metrics, inspector }
}

/** What the page shows as "served by": the entry point, and the instance when one is named. */
export function serverName(host: string, config: Pick<ChatConfig, 'instance'>): string {
  return config.instance ? `${host} (${config.instance})` : host
}

/** Prints the line people (and the end-to-end tests) read to find the server. */
export function announce(host: string, config: ChatConfig, port: number): void {
  const shown = urlHost(config.hostname)
  const name = config.instance ? ` [${config.instance}]` : ''
  console.log(`[chat]${name} ${host} listening on http://${shown}:${port}${config.redisUrl ? ` (Redis ${config.redisUrl})` : ''}`)
}

/**
 * Graceful shutdown on Ctrl-C / SIGTERM: every socket gets 1001 (the browser client then
 * reconnects to whichever instance comes back), then the HTTP server stops.
 */
export function closeOnSignal(bridge: Bridge, stopServer: () => unknown): void {
  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    await bridge.close({ timeout: 2000 })
    await stopServer()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}
