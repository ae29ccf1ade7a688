// The game on Cloudflare's workerd, locally under Miniflare: `npm run start:workerd`. This Node
// process builds the page and the Worker (server/worker.ts) with esbuild, then runs workerd.
import { failStartup } from '@wsbridge/app-kit/startup-failure'
import { startWorkerd } from '@wsbridge/app-kit/workerd'
import { loadPage } from './server/page.js'
import { announce, readEnv } from './server/setup.js'

const { port, hostname } = readEnv(process.env)
const listening = await startWorkerd({
  worker: new URL('./server/worker.ts', import.meta.url),
  object: { binding: 'GAME', className: 'GameObject', name: 'arena' },
  page: await loadPage(),
  bindings: { GRACE_MS: process.env['GRACE_MS'] ?? '' },
  hostname,
  port,
}).catch((error: unknown) => failStartup('game', error, { port, hostname }))
announce('workerd', hostname, listening)
