import { packageProject } from '../tsconfig/vitest.base.js'

// Each file starts servers, processes and real Redis connections; chaos files bound themselves.
export default packageProject('history-redis', { testTimeout: 60_000, hookTimeout: 30_000 })
