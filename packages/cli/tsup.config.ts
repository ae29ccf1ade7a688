import { packageBuild } from '../tsconfig/tsup.base.js'

export default packageBuild({ entry: ['src/index.ts', 'src/cli.ts', 'src/json-schema.ts'] })
