import { fileURLToPath } from 'node:url'
import { nodeProfile, runConformanceSuite } from '@wsbridge/conformance'

// The adapter docs/adapters/writing-an-adapter.md shows (included verbatim, see
// writing-an-adapter.test.ts) runs the whole conformance suite, as every shipped adapter does:
// the guide's example is proven, not just compiled.
runConformanceSuite({
  name: 'minimal',
  command: [process.execPath, '--import', 'tsx', 'test/minimal-host.ts'],
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  ...nodeProfile,
})
