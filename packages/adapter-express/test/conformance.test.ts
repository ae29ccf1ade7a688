import { runConformanceSuite } from '@wsbridge/conformance'
import { expressHost } from './host.js'

runConformanceSuite(expressHost)
