import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docsDir } from '../src/blocks.js'
import { entryPoints, exportedNames } from '../src/exports.js'
import { referenceRows } from '../src/reference.js'

// docs/reference.md lists every export of core's documented entry points and of the adapters listed
// there, each with the page that explains it: a name added to an entry point without a line here
// fails the build, and so does a line for a name that is no longer exported.
const documented = [
  '@wsbridge/core',
  '@wsbridge/core/adapter',
  '@wsbridge/core/client',
  '@wsbridge/core/testing',
  '@wsbridge/adapter-cloudflare',
  '@wsbridge/adapter-deno',
  '@wsbridge/pubsub-nats',
  '@wsbridge/otel',
  '@wsbridge/inspector',
]
const names = exportedNames(entryPoints().filter((entry) => documented.includes(entry.specifier)))
const rows = referenceRows(readFileSync(join(docsDir, 'reference.md'), 'utf8'))
const sorted = (list: readonly string[]): string[] => [...list].sort()

/** The anchors GitHub gives the headings of a generated page (`### NO\_RECONNECT\_CODES`, `### defineRoute()`). */
function apiHeadings(entry: string): string[] {
  const page = readFileSync(join(docsDir, 'api', `${entry}.md`), 'utf8')
  return [...page.matchAll(/^#{2,6} (.+)$/gm)].map((heading) => heading[1]!.replaceAll('\\', '').replace(/\(\)$/, '').toLowerCase())
}

describe('docs/reference.md', () => {
  it.each(documented)('lists exactly the exports of %s', (entry) => {
    const exported = names.filter((name) => name.entry === entry).map((name) => name.name)
    expect(exported.length).toBeGreaterThan(0)
    expect(sorted(rows.filter((row) => row.entry === entry).map((row) => row.name))).toEqual(sorted(exported))
  })

  it('links every export to a page that explains it', () => {
    // The generated API page gives the signature, not the explanation: a guide link is still required.
    const guide = (link: string): boolean => /\.md(#|$)/.test(link) && !link.startsWith('api/')
    expect(rows.filter((row) => !row.links.some(guide)).map((row) => `reference.md:${row.line} ${row.name}`)).toEqual([])
  })

  it('links every export to its entry in the generated reference (docs/api/)', () => {
    const wrong = rows.filter((row) => !row.links.includes(`api/${row.entry}.md#${row.name.toLowerCase()}`))
    expect(wrong.map((row) => `reference.md:${row.line} ${row.name}`)).toEqual([])
    for (const row of rows) expect(apiHeadings(row.entry), `reference.md:${row.line}`).toContain(row.name.toLowerCase())
  })

  it('reads sections and rows as written (a missing row is noticed)', () => {
    const page = [
      '## `@x/a`',
      '',
      '| Export | What | Page |',
      '|---|---|---|',
      '| `one` | first | [p](p.md) |',
      '| `two` | second | none |',
      '## Other',
      '| `three` | not listed | [p](p.md) |',
    ].join('\n')
    expect(referenceRows(page)).toEqual([
      { entry: '@x/a', name: 'one', line: 5, links: ['p.md'] },
      { entry: '@x/a', name: 'two', line: 6, links: [] },
    ])
  })
})
