/**
 * docs/reference.md: one section per entry point (`## \`@wsbridge/core/adapter\``), one table row
 * per export: `` | `name` | what it is | [page](link) | ``. Read back so a test can hold the page
 * to what the entry points really export.
 */
export interface ReferenceRow {
  readonly entry: string
  readonly name: string
  readonly line: number
  /** The row's links to the pages that explain the name. */
  readonly links: readonly string[]
}

const SECTION = /^##\s+`([^`]+)`\s*$/
const ROW = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/
const LINK = /\]\(([^)\s]+)\)/g

export function referenceRows(text: string): ReferenceRow[] {
  const rows: ReferenceRow[] = []
  let entry: string | undefined
  text.split('\n').forEach((line, index) => {
    const section = SECTION.exec(line)
    if (section) entry = section[1]
    else if (/^#{1,2}\s/.test(line)) entry = undefined
    const row = entry === undefined ? null : ROW.exec(line)
    if (entry !== undefined && row)
      rows.push({ entry, name: row[1]!, line: index + 1, links: [...row[2]!.matchAll(LINK)].map((link) => link[1]!) })
  })
  return rows
}
