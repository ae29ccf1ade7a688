import { runConformanceSuite } from '@wsbridge/conformance'
import { honoNodeServerHost } from './hosts.js'

runConformanceSuite(honoNodeServerHost)
