import { runConformanceSuite } from '@wsbridge/conformance'
import { honoDenoHost } from './conformance-hosts.js'

runConformanceSuite(honoDenoHost)
