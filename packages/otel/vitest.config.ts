import { packageProject } from '../tsconfig/vitest.base.js'

// The two-instance test starts servers and real Redis connections.
export default packageProject('otel', { testTimeout: 30_000, hookTimeout: 30_000 })
