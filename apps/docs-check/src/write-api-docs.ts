import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { apiDir, generateApiDocs, undocumentedMemberLimit } from './api-docs.js'

// `pnpm docs:api`: regenerates docs/api/ from the source, or lists what is wrong (an export without
// a doc comment, a broken link, more undocumented members than the ratchet allows) and leaves
// docs/api/ as it was. WSBRIDGE_API_STRICT=1 also lists the undocumented members the ratchet allows.
const out = mkdtempSync(join(apiDir, '..', '.api-'))
const { problems, undocumentedMembers } = await generateApiDocs(out)
// Over the limit, the problems list them already.
if (process.env['WSBRIDGE_API_STRICT'] === '1' && undocumentedMembers.length <= undocumentedMemberLimit)
  for (const member of undocumentedMembers) console.error(member)
for (const problem of problems) console.error(problem)
if (problems.length > 0) {
  rmSync(out, { recursive: true, force: true })
  console.error(`[docs:api] ${problems.length} problem(s); docs/api/ was left as it was`)
  process.exit(1)
}
rmSync(apiDir, { recursive: true, force: true })
renameSync(out, apiDir)
console.log(`[docs:api] docs/api/ regenerated (${undocumentedMembers.length} undocumented members remain)`)
