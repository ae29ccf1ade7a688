import { defineConfig, type Options } from 'tsup'

/**
 * The build every published wsbridge package shares: ESM plus .d.ts, ES2022, a clean dist/, from
 * src/index.ts unless `options` names other entries. `options` adds what a package needs of its own
 * (entries, externals, platform) and wins over these defaults.
 */
export function packageBuild(options: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    clean: true,
    target: 'es2022',
    ...options,
  })
}
