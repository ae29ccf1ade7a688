import { runConformanceSuite } from '@wsbridge/conformance'
import { bunHost } from './host.js'

runConformanceSuite(bunHost)
