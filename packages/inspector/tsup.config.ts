import { packageBuild } from '../tsconfig/tsup.base.js'

export default packageBuild()
