import { packageProject } from '../../packages/tsconfig/vitest.base.js'

// Real browsers and real server processes: one file at a time on 2 cores.
export default packageProject('app-game', { testTimeout: 30_000, hookTimeout: 30_000, fileParallelism: false })
