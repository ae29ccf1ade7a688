import { runConformanceSuite } from '@wsbridge/conformance'
import { honoBunHost } from './host.js'

runConformanceSuite(honoBunHost)
