import { runConformanceSuite } from '@wsbridge/conformance'
import { honoNodeHost } from './conformance-hosts.js'

runConformanceSuite(honoNodeHost('hono-node-ws', 'node-ws'))
