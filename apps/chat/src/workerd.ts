// The chat on Cloudflare's workerd, locally under Miniflare: `npm run start:workerd`. This Node
// process builds the page and the Worker (server/worker.ts) with esbuild, then runs workerd.
import type { Readable } from 'node:stream'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { announce, serverName } from './server/bootstrap.js'
import { readConfig } from './server/config.js'
import { loadPage } from './server/page.js'
import { SHUTDOWN_PATH } from './server/worker-shutdown.js'

const config = readConfig()
// ioredis needs Node's sockets; one Durable Object holds every room instead.
if (config.redisUrl) throw new Error('[chat] REDIS_URL is not supported on workerd: one Durable Object serves every room')

const [page, worker] = await Promise.all([
  loadPage(config.instance),
  build({
    entryPoints: [new URL('./server/worker.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }),
])

const signals = ['SIGINT', 'SIGTERM'] as const
const ownListeners = new Map(signals.map((signal) => [signal, process.listeners(signal)]))
const miniflare = new Miniflare({
  modules: true,
  script: worker.outputFiles[0]?.text ?? '',
  compatibilityDate: '2026-04-01',
  durableObjects: { CHAT: 'ChatObject' },
  bindings: { PAGE: Object.fromEntries(page), SERVER: serverName('workerd', config) },
  host: config.hostname,
  port: config.port,
  handleRuntimeStdio(stdout: Readable, stderr: Readable) {
    stdout.pipe(process.stdout)
    stderr.pipe(process.stderr)
  },
})
announce('workerd', config, Number((await miniflare.ready).port))

interface ObjectNamespace {
  idFromName(name: string): unknown
  get(id: unknown): { fetch(url: string): Promise<unknown> }
}

// Ctrl-C / SIGTERM: the object closes every socket with 1001 (pages reconnect), then workerd stops.
let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  try {
    // Typed here: miniflare's own types for it need @cloudflare/workers-types.
    const chat = (await miniflare.getDurableObjectNamespace('CHAT')) as unknown as ObjectNamespace
    await chat.get(chat.idFromName('chat')).fetch(`http://chat${SHUTDOWN_PATH}`)
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
