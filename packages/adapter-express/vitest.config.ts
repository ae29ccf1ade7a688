import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'adapter-express',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
})
