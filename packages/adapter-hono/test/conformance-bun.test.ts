import { runConformanceSuite } from '@wsbridge/conformance'
import { honoBunHost } from './conformance-hosts.js'

runConformanceSuite(honoBunHost)
