import { defineProject } from 'vitest/config'

// test-bun/ runs under `bun test` (hono/bun needs Bun.serve); vitest only takes the Node hosts.
export default defineProject({
  test: {
    name: 'adapter-hono',
    include: ['test/**/*.test.ts'],
  },
})
