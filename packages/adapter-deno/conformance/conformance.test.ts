import { denoProfile, runConformanceSuite } from '@wsbridge/conformance'
import { denoBinary, packageDir } from '../test/deno-binary.js'

/** Runs under vitest on Node; the host is a Deno process (`deno run -A conformance/host.ts`, see deno.jsonc). */
runConformanceSuite({ name: 'deno', command: [denoBinary, 'run', '-A', 'conformance/host.ts'], cwd: packageDir, ...denoProfile })
