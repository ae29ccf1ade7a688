// Starts workerd (Miniflare) on 127.0.0.1 with a TypeScript worker bundled by esbuild: shared by the
// tests (test/miniflare.ts), the conformance host (conformance/host.mjs) and any other host that
// serves a Worker. Plain JavaScript, because the conformance host runs under Node without a loader.
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

/** Bundles `entry` (TypeScript, workspace packages included) into one ES module for workerd. */
export async function bundleWorker(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
  })
  return result.outputFiles[0].text
}

/** Bundles `entry` and starts it under Miniflare; `options` are Miniflare's (bindings, port, stdio). */
export async function startMiniflare(entry, options = {}) {
  const miniflare = new Miniflare({
    modules: true,
    script: await bundleWorker(entry),
    compatibilityDate: '2026-04-01',
    host: '127.0.0.1',
    port: 0,
    ...options,
  })
  return { miniflare, url: await miniflare.ready }
}
