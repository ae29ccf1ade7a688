import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'app-chat',
    include: ['test/**/*.test.ts'],
    // Real browsers and real server processes: generous timeouts, one file at a time on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
