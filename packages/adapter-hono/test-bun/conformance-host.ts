import { serveFixture } from '@wsbridge/conformance/fixture'
import { honoBunHost } from './host.js'

// The conformance host process for Hono on Bun (`bun test-bun/conformance-host.ts`).
await serveFixture(honoBunHost.listen)
