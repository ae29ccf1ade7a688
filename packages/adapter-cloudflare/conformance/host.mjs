// The conformance host process for workerd, run under Node by conformance.test.ts: bundles
// worker.ts, starts Miniflare on 127.0.0.1 with the suite's port and config, forwards workerd's
// output unchanged (the fixture's event lines), and announces the real port. Killing this
// process's group stops workerd with it.
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

const config = process.env.WSBRIDGE_CONFORMANCE ?? '{}'
const port = JSON.parse(config).port ?? 0

const bundle = await build({
  entryPoints: [new URL('./worker.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['workerd', 'worker', 'browser'],
  target: 'es2022',
  write: false,
})

const miniflare = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: '2026-04-01',
  durableObjects: { FIXTURE: 'FixtureObject' },
  bindings: { CONFORMANCE: config },
  host: '127.0.0.1',
  port,
  handleRuntimeStdio(stdout, stderr) {
    stdout.pipe(process.stdout)
    stderr.pipe(process.stderr)
  },
})
const url = await miniflare.ready
console.log(`@wsbridge/conformance ${JSON.stringify({ type: 'ready', port: Number(url.port) })}`)
