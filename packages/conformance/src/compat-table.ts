import { conformanceCases, type CaseInfo } from './catalog.js'
import type { HostReport } from './tally.js'

const MARK = { passed: '✓', failed: '✗ (failing)', skipped: '⨉' } as const

/**
 * Renders the compatibility table (cases × hosts) from the reports real runs wrote (see
 * `writeReport`). A skipped case shows ⨉ with a footnote giving the host's reason; a case a host
 * did not report shows "–". Reasons shared by several cells share one footnote.
 */
export function renderCompatibilityTable(reports: readonly HostReport[], cases: readonly CaseInfo[] = conformanceCases): string {
  const footnotes: string[] = []
  const footnote = (text: string): number => {
    const found = footnotes.indexOf(text)
    if (found >= 0) return found + 1
    footnotes.push(text)
    return footnotes.length
  }
  const escapeCell = (text: string): string => text.replace(/\|/g, '\\|')
  const header = `| group | case | ${reports.map((r) => escapeCell(r.host)).join(' | ')} |`
  const rule = `|---|---|${reports.map(() => ':-:').join('|')}|`
  const rows = cases.map((c) => {
    const cells = reports.map((report) => {
      const result = report.results.find((r) => r.group === c.group && r.name === c.name)
      if (!result) return '–'
      if (result.status !== 'skipped') return MARK[result.status]
      return `${MARK.skipped}[^${footnote(`${report.host}: ${result.reason ?? 'not supported'}`)}]`
    })
    return `| ${escapeCell(c.group)} | ${escapeCell(c.name)} | ${cells.join(' | ')} |`
  })
  const notes = footnotes.map((text, i) => `[^${i + 1}]: ${text}`)
  // The final '' ends the file with a newline.
  return [header, rule, ...rows, ...(notes.length > 0 ? ['', ...notes] : []), ''].join('\n')
}
