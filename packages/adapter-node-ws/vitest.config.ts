import { packageProject } from '../tsconfig/vitest.base.js'

export default packageProject('adapter-node-ws')
