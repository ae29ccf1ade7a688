import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docsDir, extractBlocks } from '../src/blocks.js'
import { typecheckBlocks } from '../src/typecheck.js'

// The README's examples are the first code a newcomer copies. Its route block is also served as
// ./routes.ts to the client block below it, which imports the routes' type from there.
describe('README.md', () => {
  it('its TypeScript examples compile against the workspace packages', () => {
    const blocks = extractBlocks('README.md', readFileSync(join(docsDir, '../README.md'), 'utf8'))
    const compiled = blocks.filter((block) => block.skipReason === undefined)
    expect(compiled.length).toBeGreaterThanOrEqual(2)
    const outDir = new URL('../node_modules/.cache/docs-blocks-readme', import.meta.url).pathname
    const errors = typecheckBlocks(compiled, [{ page: 'README.md', path: './routes.ts', code: compiled[0]!.code }], outDir)
    expect(errors.map((error) => `README.md:${error.line}: ${error.message}`)).toEqual([])
  })
})
