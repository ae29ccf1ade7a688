// Runs a sample's Worker on Cloudflare's workerd, locally under Miniflare: this Node process bundles
// the Worker with esbuild and starts workerd. The sample's entry file (src/workerd.ts) calls it.
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import type { Page } from './page-response.js'
import { SHUTDOWN_PATH } from './websocket-object.js'

export interface WorkerdOptions {
  /** The Worker's entry file (TypeScript; workspace packages are bundled in). */
  readonly worker: URL
  /** The Durable Object the Worker forwards WebSocket routes to: its binding, class and the one instance's name. */
  readonly object: { readonly binding: string; readonly className: string; readonly name: string }
  /** The page, given to the Worker as the PAGE binding (URL path → file). */
  readonly page: Page
  /** Further bindings (JSON values). */
  readonly bindings?: Readonly<Record<string, unknown>>
  readonly hostname: string
  readonly port: number
}

interface ObjectNamespace {
  idFromName(name: string): unknown
  get(id: unknown): { fetch(url: string): Promise<unknown> }
}

/**
 * Starts workerd and resolves with the port it listens on. Ctrl-C / SIGTERM first asks the object
 * to close every socket with 1001 (pages reconnect), then stops workerd and exits.
 */
export async function startWorkerd(options: WorkerdOptions): Promise<number> {
  const worker = await build({
    entryPoints: [fileURLToPath(options.worker)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  const signals = ['SIGINT', 'SIGTERM'] as const
  const ownListeners = new Map(signals.map((signal) => [signal, process.listeners(signal)]))
  const { binding, className, name } = options.object
  const miniflare = new Miniflare({
    modules: true,
    script: worker.outputFiles[0]?.text ?? '',
    compatibilityDate: '2026-04-01',
    durableObjects: { [binding]: className },
    bindings: { ...options.bindings, PAGE: Object.fromEntries(options.page) },
    host: options.hostname,
    port: options.port,
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.pipe(process.stdout)
      stderr.pipe(process.stderr)
    },
  })
  const port = Number((await miniflare.ready).port)

  let stopping = false
  async function stop(): Promise<void> {
    if (stopping) return
    stopping = true
    try {
      // Typed here: miniflare's own types for it need @cloudflare/workers-types.
      const objects = (await miniflare.getDurableObjectNamespace(binding)) as unknown as ObjectNamespace
      await objects.get(objects.idFromName(name)).fetch(`http://object${SHUTDOWN_PATH}`)
    } finally {
      await miniflare.dispose()
      process.exit(0)
    }
  }
  // Miniflare's own handlers stop workerd and exit at once, before the object could say goodbye:
  // take the two signals over (dispose() stops workerd just the same).
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!ownListeners.get(signal)?.includes(listener)) process.off(signal, listener)
    process.once(signal, () => void stop())
  }
  return port
}
