import { packageProject } from '../tsconfig/vitest.base.js'

export default packageProject('cli', { testTimeout: 90_000 })
