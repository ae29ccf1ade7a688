import { defineCaseGroup } from '../case.js'
import { abuseCases } from './security/abuse.js'
import { authCases } from './security/auth.js'
import { capCases } from './security/caps.js'
import { compressionCases } from './security/compression.js'
import { frameCases } from './security/frames.js'
import { limitCases } from './security/limits.js'
import { runtimeLimitCases } from './security/runtime-limits.js'
import { slowSubscriberCases } from './security/slow-subscriber.js'
import { tokenExpiryCases } from './security/token-expiry.js'

/** Safe by default: auth at upgrade, token expiry, origin, limits, heartbeat, backpressure, malformed frames, abuse, shutdown. */
export const securityGroup = defineCaseGroup({
  name: 'security',
  cases: [
    ...authCases,
    ...tokenExpiryCases,
    ...limitCases,
    ...runtimeLimitCases,
    ...capCases,
    ...frameCases,
    ...abuseCases,
    ...slowSubscriberCases,
    ...compressionCases,
  ],
})
