import { packageProject } from '../../packages/tsconfig/vitest.base.js'

// Real browsers and real server processes: generous timeouts, one file at a time on 2 cores.
export default packageProject('app-chat', { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false })
