import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docPages, docsDir } from '../src/blocks.js'
import { inclusions, staleInclusions } from '../src/includes.js'

// A block marked <!-- include: path --> shows that file of the repository verbatim: the guide's
// minimal adapter is the file the conformance suite runs (minimal-adapter.test.ts), never a copy.
const found = docPages().flatMap((page) => inclusions(page, readFileSync(join(docsDir, page), 'utf8')))

describe('blocks that include a file', () => {
  it('the adapter guide shows the minimal adapter and the host program and the conformance run the suite executes', () => {
    const guide = found.filter((inclusion) => inclusion.page === 'adapters/writing-an-adapter.md').map((inclusion) => inclusion.path)
    expect(guide).toEqual([
      'apps/docs-check/src/minimal-adapter.ts',
      'apps/docs-check/test/minimal-host.ts',
      'apps/docs-check/test/minimal-adapter.test.ts',
    ])
  })

  it('every included block is its file, byte for byte', () => {
    expect(staleInclusions(found)).toEqual([])
  })

  it('reports a block that drifted from its file, and a missing file', () => {
    const page = [
      '<!-- include: a.ts -->',
      '<!-- not-compiled: shown only -->',
      '```ts',
      'const a = 1',
      '```',
      '<!-- include: gone.ts -->',
      '```ts',
      'x',
      '```',
    ].join('\n')
    const sample = inclusions('sample.md', page)
    expect(sample.map((inclusion) => [inclusion.path, inclusion.line, inclusion.code])).toEqual([
      ['a.ts', 4, 'const a = 1'],
      ['gone.ts', 8, 'x'],
    ])
    const files: Record<string, string> = { 'a.ts': 'const a = 2\n' }
    const read = (path: string): string => {
      const file = files[path]
      if (file === undefined) throw new Error('missing')
      return file
    }
    expect(staleInclusions(sample, read)).toEqual(['docs/sample.md:4 a.ts', 'docs/sample.md:8 gone.ts'])
    files['a.ts'] = 'const a = 1\n'
    expect(staleInclusions(sample.slice(0, 1), read)).toEqual([])
  })
})
