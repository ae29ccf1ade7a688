import { describeSmoke } from './smoke.js'
import { honoNodeServerHost, honoNodeWsHost } from './hosts.js'

describeSmoke(honoNodeWsHost)
describeSmoke(honoNodeServerHost)
