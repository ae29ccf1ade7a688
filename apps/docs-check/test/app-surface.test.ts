import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { allBlocks } from '../src/blocks.js'
import { repoRoot } from '../src/includes.js'

// An app author needs `@wsbridge/core` (and /client, /testing) and an adapter package, nothing
// else: the sample apps and every example outside the adapter guide import neither the adapter
// contract nor the runtime code the repository's adapters share.
const ADAPTER_ONLY = /from\s+['"]@wsbridge\/core\/(adapter|sockets)['"]/

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return []
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [path] : []
  })
}

describe('what app authors import', () => {
  it.each(['chat', 'echo', 'game'])('apps/%s uses no adapter-only entry point', (app) => {
    const files = sources(join(repoRoot, 'apps', app))
    expect(files.length).toBeGreaterThan(0)
    expect(files.filter((file) => ADAPTER_ONLY.test(readFileSync(file, 'utf8')))).toEqual([])
  })

  it('docs examples use none outside the adapter guide', () => {
    const offending = allBlocks().filter((block) => block.page !== 'adapters/writing-an-adapter.md' && ADAPTER_ONLY.test(block.code))
    expect(offending.map((block) => `docs/${block.page}:${block.line}`)).toEqual([])
    expect(allBlocks().some((block) => ADAPTER_ONLY.test(block.code))).toBe(true)
  })
})
