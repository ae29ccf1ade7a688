import { packageProject } from '../../packages/tsconfig/vitest.base.js'

// The bench itself runs with `pnpm bench`; these tests cover the arithmetic its verdicts rest on.
export default packageProject('bench')
