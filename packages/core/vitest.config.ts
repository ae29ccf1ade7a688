import { packageProject } from '../tsconfig/vitest.base.js'

export default packageProject('core', {
  typecheck: { include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
})
