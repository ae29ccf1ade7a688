// The conformance host process for workerd, run under Node by conformance.test.ts: bundles
// worker.ts, starts Miniflare on 127.0.0.1 with the suite's port and config, forwards workerd's
// output unchanged (the fixture's event lines), and announces the real port. Killing this
// process's group stops workerd with it.
import { startMiniflare } from '../test/miniflare.mjs'

const config = process.env.WSBRIDGE_CONFORMANCE ?? '{}'

const { url } = await startMiniflare(new URL('./worker.ts', import.meta.url).pathname, {
  durableObjects: { FIXTURE: 'FixtureObject' },
  bindings: { CONFORMANCE: config },
  port: JSON.parse(config).port ?? 0,
  handleRuntimeStdio(stdout, stderr) {
    stdout.pipe(process.stdout)
    stderr.pipe(process.stderr)
  },
})
console.log(`@wsbridge/conformance ${JSON.stringify({ type: 'ready', port: Number(url.port) })}`)
