// `pnpm --filter @wsbridge/docs-check check [page-prefix]`: prints every docs block that does not
// compile as `docs/<page>:<line>: <error>`, for fixing pages without running the whole test file.
import { allBlocks, allFixtures } from './blocks.js'
import { typecheckBlocks } from './typecheck.js'

const prefix = process.argv[2] ?? ''
const blocks = allBlocks().filter((block) => block.skipReason === undefined && block.page.startsWith(prefix))
const errors = typecheckBlocks(blocks, allFixtures())
for (const error of errors) console.log(`docs/${error.page}:${error.line}: ${error.message}`)
console.log(`${blocks.length} blocks checked, ${errors.length} errors`)
process.exitCode = errors.length > 0 ? 1 : 0
