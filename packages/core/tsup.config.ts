import { packageBuild } from '../tsconfig/tsup.base.js'

export default packageBuild({
  entry: ['src/index.ts', 'src/adapter/index.ts', 'src/client/index.ts', 'src/testing/index.ts'],
  platform: 'neutral',
  external: ['valibot'],
})
