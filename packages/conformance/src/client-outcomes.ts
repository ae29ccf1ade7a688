import type { ClientOutcome } from './client-outcome.js'
import { messageOutcomes } from './message-outcomes.js'
import { refusalOutcomes } from './refusal-outcomes.js'

/**
 * Every outcome a client can cause, as data: what the client does, the code the hooks see, what
 * the client gets back, and the line the default logger writes. The outcomes group runs each row
 * on every host over real sockets, and docs/errors.md's table is rendered from it (a test fails
 * when the two differ), so the table promises exactly what the suite proves. The rows on an open
 * connection are message-outcomes.ts's, the refused upgrades refusal-outcomes.ts's, in that order.
 */

export type { Answer, ClientOutcome, Provocation } from './client-outcome.js'

export const clientOutcomes: readonly ClientOutcome[] = [...messageOutcomes, ...refusalOutcomes]
