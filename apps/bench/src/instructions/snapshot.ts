import { execSync } from 'node:child_process'
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildDir, builtEntry, buildNodeTargets } from '../runner/build.js'
import { benchDir } from '../runner/spawn.js'
import type { TargetSpec } from '../targets/registry.js'

/**
 * The Node targets as built when this run started. `pnpm bench` and other runs rebuild the shared
 * .build folder from whatever the working tree holds at the time; a run that takes half an hour
 * copies its own bundles aside (inside .build, so `ws`, `hono`… still resolve from apps/bench).
 * Bun targets run their TypeScript source and read the working tree as each server starts.
 */
export class BuildSnapshot {
  readonly dir = join(buildDir, `instructions-${process.pid}`)

  static async take(specs: readonly TargetSpec[]): Promise<BuildSnapshot> {
    await buildNodeTargets(specs)
    const snapshot = new BuildSnapshot()
    mkdirSync(snapshot.dir, { recursive: true })
    for (const spec of specs) if (spec.runtime === 'node') copyFileSync(builtEntry(spec), snapshot.entry(spec))
    return snapshot
  }

  entry(spec: TargetSpec): string {
    return join(this.dir, `${spec.name}.mjs`)
  }

  /** The command `startServer` builds, running this snapshot's copy instead of the shared build. */
  redirect(spec: TargetSpec, command: readonly string[]): string[] {
    return command.map((part) => (spec.runtime === 'node' && part === builtEntry(spec) ? this.entry(spec) : part))
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** HEAD and whether packages/ or the targets have uncommitted changes: what a run measured. */
export function sourceState(): string {
  const git = (command: string): string => execSync(`git ${command}`, { cwd: benchDir }).toString().trim()
  const head = git('rev-parse --short HEAD')
  const dirty = git('status --porcelain -- ../../packages src/targets')
  return dirty
    ? `${head} + uncommitted changes in ${[
        ...new Set(
          dirty.split('\n').map((l) =>
            l
              .trim()
              .replace(/^\S+\s+/, '')
              .split('/')
              .slice(0, 2)
              .join('/'),
          ),
        ),
      ].join(', ')}`
    : head
}
