import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { allBlocks, allFixtures, docPages, docsDir } from '../src/blocks.js'
import { brokenLinks, linkedPages } from '../src/links.js'
import { typecheckBlocks, type BlockError } from '../src/typecheck.js'

// Every ```ts block in docs/ compiles against the workspace packages, so the docs cannot rot.
// A fragment that cannot compile on its own says why: <!-- not-compiled: reason --> above the fence.
// Blocks may import ./routes.js (a default echo + chat fixture) or a page's own hidden fixtures.
const pages = docPages()
const blocks = allBlocks()
const fixtures = allFixtures()
const compiled = blocks.filter((block) => block.skipReason === undefined)
const read = (page: string): string => readFileSync(join(docsDir, page), 'utf8')

describe('TypeScript blocks in docs/', () => {
  let errors: BlockError[] = []

  beforeAll(() => {
    errors = typecheckBlocks(compiled, fixtures)
  })

  it('finds the blocks (the extractor works on this repository’s docs)', () => {
    expect(compiled.length).toBeGreaterThan(10)
  })

  it('reports a broken block: a type error in a sample block is caught and points at its line', () => {
    const sample = {
      page: 'sample.md',
      line: 10,
      skipReason: undefined,
      code: "import { defineRoute } from '@wsbridge/core'\nconst n: number = 'x'\nexport default defineRoute",
    }
    // Beside the real blocks (so packages resolve) but in a folder of its own.
    const sampleDir = new URL('../node_modules/.cache/docs-blocks-sample', import.meta.url).pathname
    expect(typecheckBlocks([sample], [], sampleDir)).toEqual([expect.objectContaining({ page: 'sample.md', line: 11 })])
  })

  it.each(pages.filter((page) => compiled.some((block) => block.page === page)))('%s compiles', (page) => {
    const found = errors.filter((error) => error.page === page || error.page === '(compiler options)')
    expect(found.map((error) => `docs/${error.page}:${error.line}: ${error.message}`)).toEqual([])
  })

  it('gives a reason for every block it does not compile', () => {
    for (const block of blocks.filter((b) => b.skipReason !== undefined))
      expect(block.skipReason, `docs/${block.page}:${block.line}`).not.toBe('')
  })
})

describe('links in docs/', () => {
  it.each(pages)('%s has no broken relative links', (page) => {
    expect(brokenLinks(docsDir, page, read(page))).toEqual([])
  })

  it('docs/README.md links every page', () => {
    const linked = linkedPages(read('README.md'))
    expect(pages.filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([])
  })
})
