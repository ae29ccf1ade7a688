import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { TargetSpec } from '../targets/registry.js'
import { benchDir } from './spawn.js'

/** Packages Node loads from node_modules as published JS; everything else (@wsbridge/* TS source) is bundled. */
const external = ['ws', 'hono', 'hono/*', '@hono/*', 'express', 'socket.io', 'crossws', 'crossws/*', 'valibot']

export const buildDir = join(benchDir, '.build')

/**
 * Compiles the Node targets to plain ESM before they run. Running TypeScript through tsx would
 * skew the comparison: tsx compiles with esbuild's `keepNames`, which wraps every function in a
 * `__name()` call that defines a `name` property — ~250 extra bytes and a defineProperty for each
 * closure created, per connection, in wsbridge's TS source but not in ws/crossws/socket.io's JS.
 * Published wsbridge is built by tsup without keepNames, which is what this reproduces.
 * esbuild comes from tsx's own dependency, so the bench adds no package for it.
 */
export async function buildNodeTargets(specs: readonly TargetSpec[]): Promise<void> {
  const entryPoints = specs.filter((s) => s.runtime === 'node').map((s) => join(benchDir, 'src', 'targets', s.entry))
  await buildNodeEntries(entryPoints, buildDir)
}

/**
 * Compiles any Node entry points (absolute paths) the same way into `outdir` (`<entry name>.mjs`):
 * the soak and the cluster bench run their Node servers and clients compiled too. `bundlesCommonJs`:
 * the bundle includes CommonJS packages (ioredis) that `require` Node built-ins, which an ESM
 * bundle can only do through a `require` made by `createRequire`.
 */
export async function buildNodeEntries(entryPoints: readonly string[], outdir: string, bundlesCommonJs = false): Promise<void> {
  if (entryPoints.length === 0) return
  const requireFromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))
  const esbuild = requireFromTsx('esbuild') as { build(options: Record<string, unknown>): Promise<unknown> }
  await esbuild.build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    logLevel: 'warning',
    ...(bundlesCommonJs
      ? { banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } }
      : {}),
  })
}

export const builtEntry = (spec: TargetSpec): string => join(buildDir, spec.entry.replace(/\.ts$/, '.mjs'))
