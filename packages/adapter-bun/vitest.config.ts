import { packageProject } from '../tsconfig/vitest.base.js'

// Only the conformance run is vitest's (on Node, driving a Bun process); the adapter's own tests
// run under `bun test ./test`.
export default packageProject('adapter-bun', { include: ['conformance/**/*.test.ts'] })
