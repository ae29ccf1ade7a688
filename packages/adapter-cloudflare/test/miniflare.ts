import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

/** Bundles `entry` (TypeScript, workspace packages included) into one ES module for workerd. */
export async function bundleWorker(entry: string): Promise<string> {
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
  return result.outputFiles[0]!.text
}

/** Starts workerd on 127.0.0.1 with the worker and one Durable Object class bound as `binding`. */
export async function startWorker(entry: string, binding: string, className: string): Promise<{ miniflare: Miniflare; url: URL }> {
  const miniflare = new Miniflare({
    modules: true,
    script: await bundleWorker(entry),
    compatibilityDate: '2026-04-01',
    durableObjects: { [binding]: className },
    host: '127.0.0.1',
    port: 0,
  })
  return { miniflare, url: await miniflare.ready }
}
