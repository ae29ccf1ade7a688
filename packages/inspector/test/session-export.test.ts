import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { createTestBridge } from '@wsbridge/core/testing'
import { describe, expect, it } from 'vitest'
import { createInspector } from '../src/index.js'
import { routes } from './fixtures/routes.js'

const checkDir = new URL('../.session-check/', import.meta.url)
const vitestBin = fileURLToPath(new URL('../../../node_modules/.bin/vitest', import.meta.url))

/** Runs one generated test file in its own vitest process; resolves with its exit code and output. */
async function runGenerated(name: string, code: string): Promise<{ code: number; output: string }> {
  await mkdir(checkDir, { recursive: true })
  await writeFile(
    new URL('vitest.config.ts', checkDir),
    "import { defineConfig } from 'vitest/config'\nexport default defineConfig({ test: { include: ['*.test.ts'] } })\n",
  )
  await writeFile(new URL(name, checkDir), code)
  return new Promise((resolve) => {
    execFile(vitestBin, ['run', name], { cwd: fileURLToPath(checkDir), timeout: 50_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr }),
    )
  })
}

describe('a recorded session exported as a test', () => {
  it('replays and passes against the routes, and fails when the routes answer differently', async () => {
    const inspector = createInspector({ exportTest: { imports: "import { routes } from '../test/fixtures/routes.js'" } })
    const t = createTestBridge({ ...routes, ...inspector.routes }, { prefix: '/api', instrumentation: inspector.instrument() })
    inspector.attach(t.bridge)
    const before = await t.connect('/api/room?token=early') // opened before recording: not in the session
    const viewer = await t.connect('/api/__inspector')
    viewer.send({ type: 'record', on: true })
    await viewer.flush()

    const alice = await t.connect('/api/room?token=alice')
    const bob = await t.connect('/api/room?token=bob')
    bob.send({ type: 'say', text: 'hi' })
    await alice.next()
    await bob.next()
    alice.send({ type: 'say', text: '' }) // invalid: an error frame, the socket stays open
    await alice.next()
    const aliceId = inspector.snapshot().connections.find((c) => (c.user as { name: string }).name === 'alice')!.id
    viewer.send({ type: 'send', connection: aliceId, data: { type: 'notice', text: 'from the inspector' } })
    expect(await alice.next()).toEqual({ type: 'notice', text: 'from the inspector' })
    alice.close()
    viewer.send({ type: 'record', on: false })
    viewer.send({ type: 'export' })
    let exported: { type: string; code?: string } = { type: '' }
    while (exported.type !== 'exported') exported = (await viewer.next()) as typeof exported
    await t.close()
    void before

    const code = exported.code!
    expect(code).toContain('await t.connect("/api/room?token=alice")')
    expect(code).not.toContain('token=early')
    expect(code).toContain('expect.any(Number)')
    expect(code).toContain('s1.send({ "type": "notice", "text": "from the inspector" })')
    const passing = await runGenerated('recorded.test.ts', code)
    expect(passing.output).toMatch(/1 passed/)
    expect(passing.code).toBe(0)

    // The same file with one expected frame changed must fail: the export asserts what it saw.
    const changed = code.replace('"text": "hi"', '"text": "bye"')
    expect(changed).not.toBe(code)
    const failing = await runGenerated('changed.test.ts', changed)
    expect(failing.code).not.toBe(0)
    expect(failing.output).toMatch(/1 failed/)
  })
})
