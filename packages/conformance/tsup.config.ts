import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  // The suite registers tests with the runner that imports it (vitest, or Bun's mapping of the
  // `vitest` import): bundling a copy would register them with a runner nobody is running.
  external: ['vitest'],
})
