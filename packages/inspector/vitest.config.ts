import { packageProject } from '../tsconfig/vitest.base.js'

// The export test runs a generated test file in a child vitest, and the page tests start Chromium.
export default packageProject('inspector', { testTimeout: 60_000, hookTimeout: 60_000 })
