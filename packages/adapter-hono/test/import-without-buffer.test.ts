import { readdirSync } from 'node:fs'
import { expect, test } from 'vitest'

// Deno without Node compatibility and Cloudflare Workers have no global Buffer: every module of
// this package (and what it imports, adapter-node-ws/transport included) must load there. Nothing
// of this package is imported before Buffer is gone; the query makes each module load afresh.
const modules = readdirSync(new URL('../src/', import.meta.url)).filter((file) => file.endsWith('.ts'))

test('every module loads where there is no Buffer', async () => {
  expect(modules).toContain('index.ts')
  const buffer = globalThis.Buffer
  const failures: string[] = []
  delete (globalThis as { Buffer?: unknown }).Buffer
  try {
    for (const file of modules) {
      try {
        await import(`../src/${file}?without-buffer`)
      } catch (error) {
        failures.push(`${file}: ${String(error)}`)
      }
    }
  } finally {
    globalThis.Buffer = buffer
  }
  expect(failures).toEqual([])
})
