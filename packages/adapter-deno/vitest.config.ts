import { packageProject } from '../tsconfig/vitest.base.js'

// The adapter's tests and the conformance run are vitest's, on Node; both spawn Deno processes.
export default packageProject('adapter-deno', { include: ['test/**/*.test.ts', 'conformance/**/*.test.ts'] })
