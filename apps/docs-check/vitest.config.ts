import { packageProject } from '../../packages/tsconfig/vitest.base.js'

export default packageProject('docs-check', { testTimeout: 120_000, hookTimeout: 180_000 })
