import { fileURLToPath } from 'node:url'
import { runConformanceSuite } from '@wsbridge/conformance'

runConformanceSuite({
  name: 'express',
  command: [process.execPath, '--import', 'tsx', 'test/host.ts'],
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  capabilities: { httpRoutes: true, fallbackRoute: true, fragmentLimit: true, rawRequestTarget: true },
})
