import { packageProject } from '../tsconfig/vitest.base.js'

// Node drives workerd (through Miniflare) over the wire: the conformance run and the hibernation test.
export default packageProject('adapter-cloudflare', {
  include: ['test/**/*.test.ts', 'conformance/**/*.test.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
})
