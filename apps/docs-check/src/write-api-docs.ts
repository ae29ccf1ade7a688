import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { apiDir, generateApiDocs } from './api-docs.js'

// `pnpm docs:api`: regenerates docs/api/ from the source, or lists the exports missing a doc comment
// and leaves docs/api/ as it was. WSBRIDGE_API_STRICT=1 also lists undocumented members.
const out = mkdtempSync(join(apiDir, '..', '.api-'))
const problems = await generateApiDocs(out)
for (const problem of problems) console.error(problem)
if (problems.length > 0) {
  rmSync(out, { recursive: true, force: true })
  console.error(`[docs:api] ${problems.length} problem(s); docs/api/ was left as it was`)
  process.exit(1)
}
rmSync(apiDir, { recursive: true, force: true })
renameSync(out, apiDir)
console.log('[docs:api] docs/api/ regenerated')
