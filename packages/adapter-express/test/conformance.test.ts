import { fileURLToPath } from 'node:url'
import { nodeProfile, runConformanceSuite } from '@wsbridge/conformance'

runConformanceSuite({
  name: 'express',
  command: [process.execPath, '--import', 'tsx', 'test/host.ts'],
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  ...nodeProfile,
})
