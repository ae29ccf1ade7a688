import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type CommandResult, runCommand, thirdPartyEnv } from './command.js'
import { type PackedPackage, pnpmBin, repoRoot } from './pack.js'

/** The files a third party writes (test/packed-project/), copied as they are into the project. */
export const projectSources: string = new URL('../../test/packed-project/', import.meta.url).pathname

type Dependencies = Readonly<Record<string, string>>
interface Manifest {
  readonly dependencies?: Dependencies
  readonly devDependencies?: Dependencies
}

/** The version this repository pins for `name` (docs-check's own dependencies, then the root's). */
export function pinnedVersion(name: string): string {
  for (const file of ['apps/docs-check/package.json', 'package.json']) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Manifest
    const version = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name]
    if (version !== undefined) return version
  }
  throw new Error(`[docs-check] no pinned version of ${name} in docs-check or the root package.json`)
}

/**
 * A third party's package.json: the tarballs as `file:` dependencies, plus what they bring
 * themselves (ws for the adapter, valibot for the routes, vitest to run the suite). The overrides
 * point the packages' own `@wsbridge/core@^x` at the tarball, where a published release would
 * come from the registry.
 */
export function writeProject(dir: string, packages: readonly PackedPackage[]): void {
  const tarballs = Object.fromEntries(packages.map((p) => [p.name, `file:${p.tarball}`]))
  const manifest = {
    name: 'wsbridge-packed-consumer',
    private: true,
    type: 'module',
    dependencies: {
      ...tarballs,
      ws: pinnedVersion('ws'),
      valibot: pinnedVersion('valibot'),
      vitest: pinnedVersion('vitest'),
    },
    pnpm: { overrides: tarballs },
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  for (const file of ['host.mjs', 'host-bun.mjs', 'packed.test.mjs']) copyFileSync(join(projectSources, file), join(dir, file))
}

export interface Install {
  /** `offline`: from the local store and metadata cache alone; `online`: metadata had to be fetched. */
  readonly mode: 'offline' | 'online'
  readonly ms: number
}

/**
 * `pnpm install` with no lockfile (CI=true would otherwise demand one). Offline first; a store
 * filled from the repository's lockfile has the tarballs but not always the registry metadata a
 * fresh resolution needs, so it falls back to --prefer-offline, which fetches only what is missing.
 */
export async function installProject(dir: string): Promise<Install> {
  const args = ['install', '--no-frozen-lockfile', '--reporter=append-only']
  const options = { cwd: dir, env: thirdPartyEnv(), timeout: 120_000 }
  const offline = await runCommand(pnpmBin, [...args, '--offline'], options)
  if (offline.code === 0) return { mode: 'offline', ms: offline.ms }
  const online = await runCommand(pnpmBin, [...args, '--prefer-offline'], options)
  if (online.code === 0) return { mode: 'online', ms: offline.ms + online.ms }
  throw new Error(`[docs-check] pnpm install failed offline:\n${offline.output}\nand online:\n${online.output}`)
}

/** The Bun this repository pins (docs-check's dependency), standing in for the third party's own. */
export const bunBin: string = join(repoRoot, 'apps/docs-check/node_modules/.bin/bun')

/** Runs the project's own vitest on its test file, the conformance groups named in the environment. */
export function runProjectSuite(dir: string, groups: readonly string[], timeout: number): Promise<CommandResult> {
  const vitest = join(dir, 'node_modules/vitest/vitest.mjs')
  return runCommand(process.execPath, [vitest, 'run', '--reporter=default'], {
    cwd: dir,
    env: thirdPartyEnv({ WSBRIDGE_PACKED_GROUPS: groups.join(','), WSBRIDGE_PACKED_BUN: bunBin }),
    timeout,
  })
}

/** The suite's summary line for `host` (`conformance <host>: N passed, M failed…`), if it printed one. */
export function summaryLine(output: string, host: string): string | undefined {
  return output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith(`conformance ${host}: `))
}
