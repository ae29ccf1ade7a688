import { defineProject } from 'vitest/config'

// The bench itself runs with `pnpm bench`; these tests cover the arithmetic its verdicts rest on.
export default defineProject({
  test: { name: 'bench', include: ['test/**/*.test.ts'] },
})
