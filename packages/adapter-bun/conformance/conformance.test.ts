import { fileURLToPath } from 'node:url'
import { bunProfile, runConformanceSuite } from '@wsbridge/conformance'

/** Runs under vitest on Node; the host is a Bun process (`bun conformance/host.ts`). */
const packageDir = fileURLToPath(new URL('..', import.meta.url))

runConformanceSuite({ name: 'bun', command: [`${packageDir}node_modules/.bin/bun`, 'conformance/host.ts'], cwd: packageDir, ...bunProfile })
