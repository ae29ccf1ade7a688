import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { packPackage, publishedExportFiles } from '../src/packed/pack.js'

// packed.test.ts trusts packPackage to refuse a tarball that would install but fail on import;
// these pin that on a sample package, outside any workspace.
describe('packPackage', () => {
  const root = mkdtempSync(join(tmpdir(), 'wsbridge-pack-sample-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const sample = join(root, 'sample')
  mkdirSync(sample)
  writeFileSync(
    join(sample, 'package.json'),
    JSON.stringify({
      name: '@sample/lib',
      version: '1.2.3',
      type: 'module',
      exports: { '.': { types: './src/index.ts', default: './src/index.ts' } },
      publishConfig: { exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } },
      files: ['dist'],
    }),
  )

  it('reads the published export map, not the in-repo one', () => {
    expect(publishedExportFiles(sample)).toEqual(['dist/index.d.ts', 'dist/index.js'])
  })

  it('refuses a tarball without the files its exports name (dist/ not built)', async () => {
    const out = join(root, 'unbuilt')
    mkdirSync(out)
    await expect(packPackage(sample, out)).rejects.toThrow(/@sample\/lib's tarball lacks dist\/index\.d\.ts, dist\/index\.js/)
  }, 60_000)

  it('packs a built package', async () => {
    mkdirSync(join(sample, 'dist'), { recursive: true })
    writeFileSync(join(sample, 'dist/index.js'), 'export const answer = 42\n')
    writeFileSync(join(sample, 'dist/index.d.ts'), 'export declare const answer: number\n')
    const out = join(root, 'built')
    mkdirSync(out)
    expect(await packPackage(sample, out)).toEqual({ name: '@sample/lib', version: '1.2.3', tarball: join(out, 'sample-lib-1.2.3.tgz') })
  }, 60_000)
})
