import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCommand } from './command.js'

/** The repository root, and the pnpm it pins (a root devDependency, so CI has it after install). */
export const repoRoot: string = new URL('../../../../', import.meta.url).pathname
export const pnpmBin: string = join(repoRoot, 'node_modules/.bin/pnpm')

/** One tarball as `pnpm pack` made it. */
export interface PackedPackage {
  readonly name: string
  readonly version: string
  /** Absolute path of the .tgz. */
  readonly tarball: string
}

interface PackReport {
  readonly name: string
  readonly version: string
  readonly filename: string
  readonly files: readonly { readonly path: string }[]
}

type ExportMap = string | { readonly [condition: string]: ExportMap }

interface Manifest {
  readonly exports?: ExportMap
  readonly publishConfig?: { readonly exports?: ExportMap }
}

/** Every file the published export map points at (`publishConfig.exports` wins, as pnpm applies it). */
export function publishedExportFiles(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest
  const files = new Set<string>()
  const walk = (target: ExportMap | undefined): void => {
    if (target === undefined) return
    if (typeof target === 'string') files.add(target.replace(/^\.\//, ''))
    else for (const value of Object.values(target)) walk(value)
  }
  walk(manifest.publishConfig?.exports ?? manifest.exports)
  return [...files].sort()
}

/**
 * `pnpm pack` of one workspace package into `destination`: workspace: versions rewritten,
 * publishConfig applied, only `files` shipped, exactly what a registry would serve. Throws when the
 * tarball lacks a file its export map names (most often: dist/ was not built).
 */
export async function packPackage(packageDir: string, destination: string): Promise<PackedPackage> {
  const result = await runCommand(pnpmBin, ['pack', '--json', '--pack-destination', destination], { cwd: packageDir, timeout: 60_000 })
  if (result.code !== 0) throw new Error(`[docs-check] pnpm pack failed in ${packageDir}:\n${result.output}`)
  const report = JSON.parse(result.stdout) as PackReport
  const shipped = new Set(report.files.map((file) => file.path))
  const missing = publishedExportFiles(packageDir).filter((file) => !shipped.has(file))
  if (missing.length > 0)
    throw new Error(
      `[docs-check] ${report.name}'s tarball lacks ${missing.join(', ')}, which its exports name; build it first (pnpm --filter ${report.name} build)`,
    )
  return { name: report.name, version: report.version, tarball: report.filename }
}
