import { packageProject } from '../tsconfig/vitest.base.js'

// Each file starts servers and real Redis connections; the 1,000-subscriber test needs time.
export default packageProject('pubsub-redis', { testTimeout: 60_000, hookTimeout: 30_000 })
