// One chaos instance on Bun.serve (native pub/sub), run by Bun as it is (no bundle):
// `bun bun-host.ts <options factory module> <factory arguments…>`. Prints `port <n>` once listening
// and connected; closes gracefully (1001) on SIGTERM.
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { feedRoutes } from '../feed-routes.js'
import { type InstanceFactory, stderrLogger } from '../instance-setup.js'

const [module = '', ...args] = process.argv.slice(2)
// The factory module is named at run time, so its import cannot be typed: its contract is InstanceFactory.
const { instanceOptions } = (await import(module)) as { instanceOptions: InstanceFactory }
const setup = instanceOptions(...args)
const adapter = createBunWebSocket(feedRoutes, { ...setup.options, logger: stderrLogger })
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
await setup.ready()
console.log(`port ${server.port}`)
process.on('SIGTERM', () => {
  void adapter.close().then(() => {
    void server.stop(true)
    process.exit(0)
  })
})
