import { serveFixture } from '@wsbridge/conformance/fixture'
import { honoNodeServerHost, honoNodeWsHost } from './hosts.js'

// The conformance host process for Hono on Node: `node --import tsx test/conformance-host.ts <variant>`.
const variants = { 'node-ws': honoNodeWsHost, 'node-server': honoNodeServerHost }
const variant = process.argv[2] as keyof typeof variants
if (!Object.hasOwn(variants, variant)) throw new Error(`expected one of ${Object.keys(variants).join(', ')}, got ${variant}`)
await serveFixture(variants[variant].listen)
