import { packageBuild } from '../tsconfig/tsup.base.js'

export default packageBuild({
  // The suite registers tests with the runner that imports it (vitest, or Bun's mapping of the
  // `vitest` import): bundling a copy would register them with a runner nobody is running.
  external: ['vitest'],
})
