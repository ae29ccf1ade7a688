import type { CaseGroup } from './case.js'
import { caseGroups } from './groups.js'
import type { HostCapabilities } from './host.js'

/** One row of the compatibility table: a case and the capability it needs (if any). */
export interface CaseInfo {
  /** The case's group. */
  readonly group: string
  /** The case's name. */
  readonly name: string
  /** The capability a host must declare for the case to run, if any. */
  readonly needs: keyof HostCapabilities | undefined
}

/**
 * Every case of the given groups (default: all) with the capability it needs: the rows of the compatibility table.
 */
export function listCases(groups: readonly CaseGroup[] = caseGroups): CaseInfo[] {
  return groups.flatMap((group) => group.cases.map((c) => ({ group: group.name, name: c.name, needs: c.needs })))
}

/** Every case the suite runs, for docs that render a compatibility table. */
export const conformanceCases: readonly CaseInfo[] = listCases()
