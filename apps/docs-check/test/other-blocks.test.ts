import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docPages, docsDir } from '../src/blocks.js'
import { checkShellBlock, fencedBlocks } from '../src/other-blocks.js'

// docs/ pages, and the root README (its quick start is the first thing a newcomer runs).
const blocks = [...docPages(), '../README.md'].flatMap((page) =>
  fencedBlocks(page, readFileSync(join(docsDir, page), 'utf8'), new Set(['json', 'sh', 'bash'])),
)
const where = (block: { page: string; line: number }): string => `docs/${block.page}:${block.line}`

describe('non-TypeScript blocks in docs/', () => {
  it('finds the shell and JSON blocks', () => {
    expect(blocks.filter((b) => b.lang === 'sh').length).toBeGreaterThan(5)
    expect(blocks.filter((b) => b.lang === 'json').length).toBeGreaterThan(0)
  })

  it.each(blocks.filter((b) => b.lang === 'json').map((b) => [where(b), b] as const))('%s is valid JSON', (_where, block) => {
    expect(() => JSON.parse(block.code)).not.toThrow()
  })

  it.each(blocks.filter((b) => b.lang !== 'json').map((b) => [where(b), b] as const))(
    '%s names only scripts, packages and directories that exist',
    (_where, block) => {
      expect(checkShellBlock(block.code)).toEqual([])
    },
  )

  it('catches a renamed script, an unknown package, a missing directory, a wrong pnpm pin and an unknown CLI command', () => {
    expect(checkShellBlock('npm run no-such-script')).toHaveLength(1)
    expect(checkShellBlock('pnpm add @wsbridge/no-such-adapter')).toHaveLength(1)
    expect(checkShellBlock('cd packages/no-such-dir && npm test')).toHaveLength(2)
    expect(checkShellBlock('npx --yes pnpm@9.0.0 install')).toHaveLength(1)
    expect(checkShellBlock('wsbridge openapi routes.ts')).toHaveLength(1)
    expect(checkShellBlock('pnpm --filter @wsbridge/docs-check nope')).toHaveLength(1)
    expect(checkShellBlock('npx --yes pnpm@10.34.9 install && npm start\ncd apps/chat && npm run start:cluster')).toEqual([])
  })
})
