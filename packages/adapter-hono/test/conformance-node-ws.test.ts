import { runConformanceSuite } from '@wsbridge/conformance'
import { honoNodeWsHost } from './hosts.js'

runConformanceSuite(honoNodeWsHost)
