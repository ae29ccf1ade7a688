import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'

// adapter-hono imports `@wsbridge/adapter-bun/transport` on every runtime, and an app may import the
// package where it only builds the server for Bun: no module may read the `Bun` global as it loads.
// Bun's global cannot be removed here, so each entry is bundled for Node and imported there.
test.each(['index.ts', 'transport/index.ts'])('src/%s loads on Node, where there is no Bun global', async (entry) => {
  const out = mkdtempSync(join(tmpdir(), 'adapter-bun-'))
  try {
    const built = await Bun.build({ entrypoints: [new URL(`../src/${entry}`, import.meta.url).pathname], outdir: out, target: 'node' })
    expect(built.success).toBe(true)
    const file = built.outputs[0]!.path
    const node = Bun.spawnSync([
      'node',
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(file)}); console.log(Object.keys(m).sort().join(' '))`,
    ])
    expect(node.stderr.toString()).toBe('')
    expect(node.exitCode).toBe(0)
    expect(node.stdout.toString()).toMatch(entry === 'index.ts' ? /createBunWebSocket/ : /BunNativePubSub .*bunClosed/)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})
