// The conformance host process for Hono on workerd, run under Node by test/conformance-workerd.test.ts:
// bundles worker.ts, starts Miniflare on 127.0.0.1 with the suite's port and config, forwards
// workerd's output unchanged (the fixture's event lines), and announces the real port. Killing this
// process's group stops workerd with it. Every step is bounded: a bundle or a workerd that never
// comes up ends this process with the step's name, instead of leaving the suite waiting.
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

const STEP_TIMEOUT = 20_000
const config = process.env.WSBRIDGE_CONFORMANCE ?? '{}'

/** `promise`, or this process's exit with a message naming `step` once STEP_TIMEOUT has passed. */
function bounded(step, promise) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step} did not finish within ${STEP_TIMEOUT} ms`)), STEP_TIMEOUT)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

try {
  const bundle = await bounded(
    'bundling test-workerd/worker.ts',
    build({
      entryPoints: [new URL('./worker.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      write: false,
    }),
  )
  const miniflare = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate: '2026-04-01',
    durableObjects: { FIXTURE: 'FixtureObject' },
    bindings: { CONFORMANCE: config },
    host: '127.0.0.1',
    port: JSON.parse(config).port ?? 0,
    handleRuntimeStdio(stdout, stderr) {
      stdout.pipe(process.stdout)
      stderr.pipe(process.stderr)
    },
  })
  const url = await bounded('starting workerd (Miniflare)', miniflare.ready)
  console.log(`@wsbridge/conformance ${JSON.stringify({ type: 'ready', port: Number(url.port) })}`)
} catch (error) {
  console.error(`[hono-workerd host] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
