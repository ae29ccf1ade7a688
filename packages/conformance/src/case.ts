import type { Routes } from '@wsbridge/core'
import type { SuiteContext } from './context.js'
import type { HostCapabilities } from './host.js'

/** One behaviour every host must show, checked over real sockets. */
export interface ConformanceCase {
  readonly name: string
  /** A capability the host must declare; otherwise the case is skipped, counted and printed with the host's reason. */
  readonly needs?: keyof HostCapabilities
  /** Milliseconds. Default 10000. */
  readonly timeout?: number
  run(ctx: SuiteContext): Promise<void>
}

/**
 * A group of cases and the demo routes they connect to. Cases are data (not `it` calls) so the same
 * list drives the test run and `conformanceCases`, the machine-readable catalogue docs render.
 */
export interface CaseGroup {
  readonly name: string
  /**
   * Demo routes for this group, from `src/routes/<group>.ts`. Every group's routes are merged into
   * one routes object the host serves, so route keys must be unique across all groups (the merge
   * throws on a clash); prefix new keys with the group name when in doubt.
   */
  readonly routes: Routes
  readonly cases: readonly ConformanceCase[]
}

/** Identity helper for type inference and a single place to grow group-level checks. */
export function defineCaseGroup(group: CaseGroup): CaseGroup {
  return group
}

/** Merges every group's routes into one object; a key defined by two groups is an error. */
export function mergeGroupRoutes(groups: readonly CaseGroup[]): Routes {
  const merged: Routes = {}
  const owner: Record<string, string> = {}
  for (const group of groups) {
    for (const [key, route] of Object.entries(group.routes)) {
      if (Object.hasOwn(merged, key))
        throw new Error(`[wsbridge/conformance] route "${key}" is defined by groups "${owner[key]}" and "${group.name}"`)
      merged[key] = route
      owner[key] = group.name
    }
  }
  return merged
}
