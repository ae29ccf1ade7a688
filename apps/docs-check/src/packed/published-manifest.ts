import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './pack.js'

/** Every package this repository publishes (the non-private ones under packages/). */
export function publishedPackageDirs(): string[] {
  const root = join(repoRoot, 'packages')
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((dir) => {
      try {
        return !(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { private?: boolean }).private
      } catch {
        return false
      }
    })
    .sort()
}

/** One file of a packed tarball, as a registry would serve it (tarballs hold `package/<path>`). */
export function readPacked(tarball: string, path: string): string {
  return execFileSync('tar', ['-xzf', tarball, '-O', `package/${path}`], { encoding: 'utf8' })
}

export interface PublishedManifest {
  readonly name: string
  readonly scripts?: unknown
  readonly devDependencies?: unknown
  readonly engines?: Record<string, string>
  readonly repository?: { readonly url?: string; readonly directory?: string }
  readonly homepage?: string
  readonly bugs?: { readonly url?: string }
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
}

/** Dependency specs a user's install could not resolve or would pin: workspace links and exact versions. */
export function unpublishableRanges(manifest: PublishedManifest): string[] {
  const all = { ...manifest.dependencies, ...manifest.peerDependencies }
  return Object.entries(all)
    .filter(([, spec]) => spec.startsWith('workspace:') || /^\d+\.\d+\.\d+/.test(spec))
    .map(([name, spec]) => `${name}@${spec}`)
}
