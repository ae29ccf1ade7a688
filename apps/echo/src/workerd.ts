// The echo sample on Cloudflare's workerd, locally under Miniflare: `npm run start:workerd`. This
// Node process reads the page and bundles the Worker (server/worker.ts), then runs workerd.
import { loadPage } from '@wsbridge/app-kit/page'
import { failStartup } from '@wsbridge/app-kit/startup-failure'
import { startWorkerd } from '@wsbridge/app-kit/workerd'
import { announce, readEnv } from './server/setup.js'

const { port, hostname } = readEnv(process.env)
const listening = await startWorkerd({
  worker: new URL('./server/worker.ts', import.meta.url),
  object: { binding: 'ECHO', className: 'EchoObject', name: 'echo' },
  page: await loadPage(new URL('../', import.meta.url), { script: false }),
  hostname,
  port,
}).catch((error: unknown) => failStartup('echo', error, { port, hostname }))
announce('workerd', hostname, listening)
