// `pnpm --filter @wsbridge/docs-check compat`: regenerates the table in docs/compatibility.md from
// the conformance suite's case catalogue. (An .mts-free ESM entry: the package is "type": "module".)
import { conformanceCases } from '@wsbridge/conformance'
import { renderCompatibility, writeCompatibility } from './compatibility.js'
import { hostProfiles } from './hosts.js'

writeCompatibility(renderCompatibility(conformanceCases, hostProfiles))
console.log(`docs/compatibility.md: ${conformanceCases.length} cases × ${hostProfiles.length} hosts`)
