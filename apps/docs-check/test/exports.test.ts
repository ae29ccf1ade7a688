import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collisions, entryPoints, exportedNames } from '../src/exports.js'

// Two entry points exporting one name for two different things make a user alias one of them (the
// conformance kit's client and core's TestClient were both `TestClient`; adapter-bun's options and
// adapter-hono's Bun handler were both `BunWebSocketOptions`). The same declaration re-exported
// (adapter-hono re-exports core's WsServerOptions) is one thing and fine.
const entries = entryPoints()

describe('names exported by the packages', () => {
  it('reads every public entry point, core’s subpaths included', () => {
    expect(entries.map((entry) => entry.specifier)).toEqual(
      expect.arrayContaining([
        '@wsbridge/core',
        '@wsbridge/core/adapter',
        '@wsbridge/core/client',
        '@wsbridge/core/testing',
        '@wsbridge/adapter-bun',
        '@wsbridge/adapter-hono',
        '@wsbridge/conformance',
      ]),
    )
  })

  it('no two entry points export the same name for different declarations', () => {
    expect(collisions(exportedNames(entries))).toEqual([])
  })

  it('catches a collision, and follows re-exports to their declaration', () => {
    const dir = new URL('../node_modules/.cache/exports-sample/', import.meta.url).pathname
    rmSync(dir, { recursive: true, force: true })
    const files: Record<string, string> = {
      'a/package.json': JSON.stringify({ name: '@x/a', exports: { '.': { types: './index.ts' } } }),
      'a/index.ts': 'export interface Frame { readonly text: string }\nexport const shared = 1\n',
      'b/package.json': JSON.stringify({ name: '@x/b', exports: { '.': { types: './index.ts' }, './sub': { types: './sub.ts' } } }),
      'b/index.ts': 'export type Frame = string\nexport { shared } from "../a/index.js"\n',
      'b/sub.ts': 'export type Other = number\n',
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    const sample = entryPoints(dir)
    expect(sample.map((entry) => entry.specifier)).toEqual(['@x/a', '@x/b', '@x/b/sub'])
    expect(collisions(exportedNames(sample))).toEqual([
      {
        name: 'Frame',
        entries: [expect.stringMatching(/^@x\/a → .*a\/index\.ts:\d+$/), expect.stringMatching(/^@x\/b → .*b\/index\.ts:\d+$/)],
      },
    ])
  })
})
