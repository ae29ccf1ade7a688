import type { CaseGroup } from './case.js'
import { clientGroup } from './cases/client.js'
import { closeReasonsGroup } from './cases/close-reasons.js'
import { closingGroup } from './cases/closing.js'
import { deploysGroup } from './cases/deploys.js'
import { connectionSurfaceGroup } from './cases/connection-surface.js'
import { errorsGroup } from './cases/errors.js'
import { framesGroup } from './cases/frames.js'
import { fuzzGroup } from './cases/fuzz.js'
import { handshakeGroup } from './cases/handshake.js'
import { httpGroup } from './cases/http.js'
import { isolationGroup } from './cases/isolation.js'
import { messagingGroup } from './cases/messaging.js'
import { outcomesGroup } from './cases/outcomes.js'
import { pubsubGroup } from './cases/pubsub.js'
import { requestGroup } from './cases/request.js'
import { requestsGroup } from './cases/requests.js'
import { securityGroup } from './cases/security.js'
import { streamsGroup } from './cases/streams.js'
import { typedGroup } from './cases/typed.js'
import { seedChatGroup } from './cases/seed-chat.js'
import { seedTextGroup } from './cases/seed-text.js'

/**
 * Every case group, in run order. Adding a group is one import and one entry here: its cases run
 * on every host and its routes (`src/routes/<group>.ts`) join the routes object the host serves.
 */
export const caseGroups: readonly CaseGroup[] = [
  messagingGroup,
  requestGroup,
  framesGroup,
  errorsGroup,
  closingGroup,
  closeReasonsGroup,
  httpGroup,
  handshakeGroup,
  isolationGroup,
  pubsubGroup,
  securityGroup,
  typedGroup,
  seedChatGroup,
  seedTextGroup,
  clientGroup,
  deploysGroup,
  requestsGroup,
  streamsGroup,
  outcomesGroup,
  connectionSurfaceGroup,
  // Last: the longest group, and the one that opens the most sockets.
  fuzzGroup,
]
