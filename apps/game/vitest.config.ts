import { packageProject } from '../../packages/tsconfig/vitest.base.js'

export default packageProject('app-game', { testTimeout: 30_000, hookTimeout: 30_000 })
