import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { relativeLinks } from '../src/links.js'
import { packPackage, repoRoot } from '../src/packed/pack.js'
import { type PublishedManifest, publishedPackageDirs, readPacked, unpublishableRanges } from '../src/packed/published-manifest.js'

const REPOSITORY = 'https://github.com/wsbridge/wsbridge'

// What a registry would serve for each package: the manifest after pnpm's publishConfig and the
// repository's beforePacking hook, and the README npm renders. Needs dist/ built (turbo's build).
describe.each(publishedPackageDirs().map((dir) => [dir.split('/').at(-1), dir]))('the published %s', (_name, dir) => {
  const out = mkdtempSync(join(tmpdir(), 'wsbridge-manifest-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))
  let manifest: PublishedManifest
  let readme: string

  it('packs', async () => {
    const { tarball } = await packPackage(dir, out)
    manifest = JSON.parse(readPacked(tarball, 'package.json')) as PublishedManifest
    readme = readPacked(tarball, 'README.md')
  }, 60_000)

  it('has no monorepo scripts or devDependencies, and declares engines and where it comes from', () => {
    expect(manifest.scripts).toBeUndefined()
    expect(manifest.devDependencies).toBeUndefined()
    expect(Object.keys(manifest.engines ?? {})).not.toEqual([])
    expect(manifest.repository?.url).toBe(`git+${REPOSITORY}.git`)
    expect(manifest.repository?.directory && existsSync(join(repoRoot, manifest.repository.directory))).toBe(true)
    expect(manifest.homepage).toMatch(new RegExp(`^${REPOSITORY}/`))
    expect(manifest.bugs?.url).toBe(`${REPOSITORY}/issues`)
  })

  it('depends on ranges, never workspace links or exact pins', () => {
    expect(unpublishableRanges(manifest)).toEqual([])
  })

  it('has a README that says ESM only and links absolutely, to files that exist here', () => {
    expect(readme).toContain('ESM only')
    expect(relativeLinks(readme)).toEqual([])
    const intoRepo = [...readme.matchAll(new RegExp(`${REPOSITORY}/(?:blob|tree)/main/([^)#\\s]+)`, 'g'))].map(([, path]) => path)
    expect(intoRepo.filter((path) => !existsSync(join(repoRoot, path ?? '')))).toEqual([])
  })
})
