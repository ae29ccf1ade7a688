import { packageProject } from '../tsconfig/vitest.base.js'

// test-bun/ runs under `bun test` (hono/bun needs Bun.serve); vitest only takes the Node hosts.
export default packageProject('adapter-hono')
