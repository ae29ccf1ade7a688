import { packageBuild } from '../tsconfig/tsup.base.js'

export default packageBuild({
  // The fixture is what host processes load (any runtime); tools are the kit without the runner;
  // the rest is the suite, which runs in vitest.
  entry: ['src/index.ts', 'src/fixture/index.ts', 'src/tools.ts'],
  // The suite registers tests with the runner that imports it: bundling a copy would register them
  // with a runner nobody is running.
  external: ['vitest'],
})
