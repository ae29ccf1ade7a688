import { runConformanceSuite } from '@wsbridge/conformance'
import { honoWorkerdHost } from './conformance-hosts.js'

runConformanceSuite(honoWorkerdHost)
