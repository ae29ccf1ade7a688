import { describeSmoke } from '../test/smoke.js'
import { honoBunHost } from './host.js'

describeSmoke(honoBunHost)
