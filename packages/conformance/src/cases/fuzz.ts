import { defineCaseGroup } from '../case.js'
import { closeReasonsCase } from './fuzz/close-reasons.js'
import { messagesCase } from './fuzz/messages.js'
import { rawFramesCase } from './fuzz/raw-frames.js'
import { upgradesCase } from './fuzz/upgrades.js'

/**
 * Property-based cases (fast-check) over what a client controls: raw frames, close codes and
 * reasons, message text and upgrade requests. Bounded counts and a fixed seed in CI, printed as
 * `fuzz <surface> (<host>): N inputs, seed S`; `pnpm fuzz` runs them long (docs/contributing.md).
 */
export const fuzzGroup = defineCaseGroup({
  name: 'fuzz',
  cases: [rawFramesCase, closeReasonsCase, messagesCase, upgradesCase],
})
