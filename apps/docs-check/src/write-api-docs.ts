import { rmSync } from 'node:fs'
import { apiDir, generateApiDocs } from './api-docs.js'

// `pnpm docs:api`: regenerates docs/api/ from the source, or lists the exports missing a doc comment.
rmSync(apiDir, { recursive: true, force: true })
const problems = await generateApiDocs(apiDir)
for (const problem of problems) console.error(problem)
if (problems.length > 0) {
  console.error(`[docs:api] ${problems.length} problem(s); docs/api/ was not written`)
  process.exit(1)
}
console.log('[docs:api] docs/api/ regenerated')
