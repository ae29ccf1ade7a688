import { defineCaseGroup } from '../case.js'
import type { ConformanceCase } from '../case.js'
import { clientOutcomes, type ClientOutcome } from '../client-outcomes.js'
import { boundedLoggingCases } from './outcomes/bounded.js'
import { runOnConnection, runUpgrade } from './outcomes/run.js'

/** A row's own capability, else what its provocation needs of the runtime: raw malformed frames, a reader that stalls. */
function needsOf(outcome: ClientOutcome): ConformanceCase['needs'] | undefined {
  if (outcome.needs !== undefined) return outcome.needs
  if (outcome.code === 'PROTOCOL_ERROR') return 'protocolErrors'
  return outcome.provoke.kind === 'slow-reader' ? 'bufferedAmount' : undefined
}

function outcomeCase(outcome: ClientOutcome): ConformanceCase {
  const answer =
    outcome.answer.kind === 'http'
      ? `HTTP ${outcome.answer.status}`
      : outcome.answer.kind === 'close'
        ? `close ${outcome.answer.code}`
        : 'an error frame'
  const provoke = outcome.provoke
  const needs = needsOf(outcome)
  return {
    name: `${outcome.input}: ${answer}, ${outcome.hook} ${outcome.code}, one ${outcome.level} line`,
    ...(needs === undefined ? {} : { needs }),
    timeout: provoke.kind === 'slow-reader' ? 20_000 : 10_000,
    run: (ctx) => (provoke.kind === 'upgrade' ? runUpgrade(ctx, outcome, provoke) : runOnConnection(ctx, outcome, provoke)),
  }
}

/**
 * Every client-caused outcome (client-outcomes.ts, the source of docs/errors.md's table) on every
 * host: the same code through the hooks, the same answer on the wire, the same log line.
 */
export const outcomesGroup = defineCaseGroup({
  name: 'outcomes',
  cases: [...clientOutcomes.map(outcomeCase), ...boundedLoggingCases],
})
