// The third party's suite file: the conformance kit from its tarball, run by the project's own vitest
// against host.mjs on Node and host-bun.mjs on Bun. WSBRIDGE_PACKED_GROUPS (set by ../packed.test.ts)
// names the groups to run; WSBRIDGE_PACKED_BUN the bun binary (a third party has their own).
import { fileURLToPath } from 'node:url'
import { bunProfile, caseGroups, runConformanceSuite } from '@wsbridge/conformance'

const wanted = (process.env.WSBRIDGE_PACKED_GROUPS ?? '').split(',').filter(Boolean)
const groups = caseGroups.filter((group) => wanted.includes(group.name))
if (groups.length !== wanted.length) {
  const found = groups.map((group) => group.name)
  throw new Error(`unknown conformance groups: ${wanted.filter((name) => !found.includes(name)).join(', ')}`)
}

runConformanceSuite(
  {
    name: 'packed',
    command: ['node', 'host.mjs'],
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    capabilities: { httpRoutes: true, fallbackRoute: true, fragmentLimit: true, rawRequestTarget: true },
    reasons: { nativePubSub: 'Node has no native pub/sub: core sends to each subscriber' },
  },
  { groups },
)

runConformanceSuite(
  {
    name: 'packed-bun',
    command: [process.env.WSBRIDGE_PACKED_BUN ?? 'bun', 'host-bun.mjs'],
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    ...bunProfile,
  },
  { groups },
)
