import { fileURLToPath } from 'node:url'
import { runConformanceSuite, workerdProfile } from '@wsbridge/conformance'

/** Runs under vitest on Node; the host is workerd, started by Miniflare from `node conformance/host.mjs`. */
const packageDir = fileURLToPath(new URL('..', import.meta.url))

runConformanceSuite({
  name: 'workerd',
  command: [process.execPath, 'conformance/host.mjs'],
  cwd: packageDir,
  ...workerdProfile,
})
