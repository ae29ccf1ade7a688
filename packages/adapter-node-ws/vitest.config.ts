import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'adapter-node-ws',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
})
