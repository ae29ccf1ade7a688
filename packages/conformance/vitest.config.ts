import { packageProject } from '../tsconfig/vitest.base.js'

export default packageProject('conformance')
