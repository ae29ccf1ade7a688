// The chat on Cloudflare's workerd, locally under Miniflare: `npm run start:workerd`. This Node
// process builds the page and the Worker (server/worker.ts) with esbuild, then runs workerd.
import { startWorkerd } from '@wsbridge/app-kit/workerd'
import { announce, serverName } from './server/bootstrap.js'
import { readConfig } from './server/config.js'
import { loadPage } from './server/page.js'

const config = readConfig()
// ioredis needs Node's sockets; one Durable Object holds every room instead.
if (config.redisUrl) throw new Error('[chat] REDIS_URL is not supported on workerd: one Durable Object serves every room')

const port = await startWorkerd({
  worker: new URL('./server/worker.ts', import.meta.url),
  object: { binding: 'CHAT', className: 'ChatObject', name: 'chat' },
  page: await loadPage(config.instance),
  bindings: { SERVER: serverName('workerd', config) },
  hostname: config.hostname,
  port: config.port,
})
announce('workerd', config, port)
