import type { SuiteContext } from './context.js'
import type { HostCapabilities } from './host.js'

/** One behaviour every host must show, checked over real sockets. */
export interface ConformanceCase {
  /** What the case proves, as the test and the compatibility table name it. */
  readonly name: string
  /** A capability the host must declare; otherwise the case is skipped, counted and printed with the host's reason. */
  readonly needs?: keyof HostCapabilities
  /** Milliseconds. Default 10000. */
  readonly timeout?: number
  /** Drives the host over the wire; rejects (an assertion failed) when the host does not conform. */
  run(ctx: SuiteContext): Promise<void>
}

/**
 * A group of cases. Cases are data (not `it` calls) so the same list drives the test run and
 * `conformanceCases`, the machine-readable catalogue docs render. The routes they connect to live
 * in `src/routes/` and are served by every host through the fixture (`routes/index.ts`).
 */
export interface CaseGroup {
  /** The group's name: a `describe` block and a section of the compatibility table. */
  readonly name: string
  /** Its cases, run in this order. */
  readonly cases: readonly ConformanceCase[]
}

/** Identity helper for type inference and a single place to grow group-level checks. */
export function defineCaseGroup(group: CaseGroup): CaseGroup {
  return group
}
