import { defineCaseGroup } from '../case.js'
import { answerCases } from './handshake/answers.js'
import { boundCases } from './handshake/bounds.js'
import { targetCases } from './handshake/targets.js'

/**
 * The upgrade itself: how a refused or malformed handshake is answered (one answer per case, the
 * same on every host), what counts as a handshake at all, which request targets are refused, and
 * that no upgrade is held past `handshakeTimeout`. See docs/security.md ("Handshake answers").
 */
export const handshakeGroup = defineCaseGroup({
  name: 'handshake',
  cases: [...answerCases, ...targetCases, ...boundCases],
})
