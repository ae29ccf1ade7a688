import { clientOutcomes, type Answer, type ClientOutcome } from './client-outcomes.js'

/** The markers around the generated table in docs/errors.md. */
export const OUTCOMES_TABLE_START =
  '<!-- client-outcomes:start — generated from packages/conformance/src/client-outcomes.ts; do not edit by hand -->'
export const OUTCOMES_TABLE_END = '<!-- client-outcomes:end -->'

function answerText(answer: Answer): string {
  if (answer.kind === 'error-frame') return 'error frame, stays open'
  if (answer.kind === 'error-reply') return 'error reply to the request, stays open'
  if (answer.kind === 'http') return `HTTP ${answer.status}, no upgrade`
  return answer.orDrop ? `close ${answer.code} (a drop if the client still reads nothing after \`closeTimeout\`)` : `close ${answer.code}`
}

function hookText(outcome: ClientOutcome): string {
  const hook = `\`${outcome.hook}\` \`${outcome.code}\``
  return outcome.blame === 'server' ? `${hook}, blame \`'server'\` (and \`onError\`)` : hook
}

function row(outcome: ClientOutcome): string {
  const log = `${outcome.level} \`${outcome.log}\`${outcome.stack ? ' + the thrown error (stack)' : ''}`
  return `| ${outcome.input} | ${hookText(outcome)} | ${answerText(outcome.answer)} | ${log} |`
}

/** docs/errors.md's table of client-caused outcomes, markers included. */
export function renderClientOutcomes(outcomes: readonly ClientOutcome[] = clientOutcomes): string {
  return [
    OUTCOMES_TABLE_START,
    '| the client does | hook and code | the client gets | default log line |',
    '|---|---|---|---|',
    ...outcomes.map(row),
    OUTCOMES_TABLE_END,
  ].join('\n')
}

/** The generated block as it stands in `doc`, or undefined when the markers are missing. */
export function findClientOutcomes(doc: string): string | undefined {
  const start = doc.indexOf(OUTCOMES_TABLE_START)
  const end = doc.indexOf(OUTCOMES_TABLE_END)
  return start < 0 || end < start ? undefined : doc.slice(start, end + OUTCOMES_TABLE_END.length)
}
