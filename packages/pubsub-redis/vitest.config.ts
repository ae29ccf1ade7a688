import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'pubsub-redis',
    include: ['test/**/*.test.ts'],
    // Each file starts servers and real Redis connections; the 1,000-subscriber test needs time.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
})
