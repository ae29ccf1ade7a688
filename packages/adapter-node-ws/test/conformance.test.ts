import { runConformanceSuite } from '@wsbridge/conformance'
import { nodeWsHost } from './host.js'

runConformanceSuite(nodeWsHost)
