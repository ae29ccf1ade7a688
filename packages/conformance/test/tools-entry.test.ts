import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const loader = fileURLToPath(new URL('./fixtures/no-vitest.mjs', import.meta.url))
const entry = (path: string) => new URL(path, import.meta.url).href

/** Imports an entry in a Node process where `vitest` cannot be resolved (the peer is optional). */
async function importWithoutVitest(path: string): Promise<string[] | { failed: string }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', loader, entry(path)], { timeout: 60_000 })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null')
}

// Each case starts a Node process that compiles the entry's whole module graph with tsx: seconds on a
// busy 2-core machine, so the per-test limit matches the child's own 60 s timeout.
describe('entries that must load without vitest', { timeout: 60_000 }, () => {
  it('tools: the wire client, raw requests, hosts and profiles load', async () => {
    const names = await importWithoutVitest('../src/tools.ts')
    expect(names).toEqual(expect.arrayContaining(['openClient', 'rawUpgradeRequest', 'RunningHost', 'startHost', 'nodeProfile']))
  })

  it('fixture loads too', async () => {
    expect(await importWithoutVitest('../src/fixture/index.ts')).toEqual(expect.arrayContaining(['createConformanceFixture']))
  })

  it('the suite entry does need vitest (so the check above can fail)', async () => {
    expect(await importWithoutVitest('../src/index.ts')).toEqual({ failed: expect.stringContaining('vitest is not installed') })
  })
})
