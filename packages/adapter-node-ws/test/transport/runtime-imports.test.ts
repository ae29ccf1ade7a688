import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

// adapter-hono imports this entry on every runtime (Bun, Deno, Workers): it may load nothing but
// core and its own files. `ws` and Node's modules are imported as types only; Buffer is read once
// pre-framing is created for a ws socket (adapter-hono's import-without-buffer test loads it with no Buffer).
const dir = new URL('../../src/transport/', import.meta.url)
const ALLOWED = /^(\.\/|@wsbridge\/core(\/adapter)?$)/
const RUNTIME_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

test('the transport entry imports no runtime module but core at run time', () => {
  const found: string[] = []
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(new URL(file, dir), 'utf8')
    for (const [, specifier] of text.matchAll(RUNTIME_IMPORT)) if (!ALLOWED.test(specifier!)) found.push(`${file}: ${specifier}`)
    if (/\bimport\(/.test(text)) found.push(`${file}: dynamic import`)
  }
  expect(found).toEqual([])
})

test('the check sees a runtime import, and lets a type-only one through', () => {
  const sample = "import type { WebSocket } from 'ws'\nimport { once } from 'node:events'\nexport { x } from './x.js'\n"
  expect([...sample.matchAll(RUNTIME_IMPORT)].map((match) => match[1])).toEqual(['node:events', './x.js'])
})
