import { afterAll, beforeAll, describe, it } from 'vitest'
import type { CaseGroup } from './case.js'
import { CaseDeadline, withinDeadline } from './case-deadline.js'
import { createCaseContext, type SharedState, startHost } from './context.js'
import { caseGroups } from './groups.js'
import type { ConformanceHost } from './host.js'
import { defaultCapabilities } from './host-profiles.js'
import { Tally, writeReport } from './tally.js'

/**
 * Options of `runConformanceSuite`: where the fixture routes are mounted and which case groups run.
 */
export interface SuiteOptions {
  /** Mount point for the fixture routes. Default `/ws`. */
  readonly prefix?: string
  /** Groups to run. Default: every group in `caseGroups`. */
  readonly groups?: readonly CaseGroup[]
}

const DEFAULT_CASE_TIMEOUT = 10_000
/** Starting a host process: a cold runtime may compile the fixture first. */
const HOOK_TIMEOUT = 60_000

/** The runner's own limit on top of a case's: room for the host starts its clock leaves out. */
const BACKSTOP = 120_000

/**
 * Registers the conformance suite for `host` with vitest. The suite runs the host's command (a
 * separate process, any runtime) once before the cases and ends it after them, and observes it only
 * over the wire; afterwards one line `conformance <host>: N passed, M failed[, K skipped (reasons)]`
 * is printed.
 */
export function runConformanceSuite(host: ConformanceHost, options: SuiteOptions = {}): void {
  const groups = options.groups ?? caseGroups
  const shared: SharedState = {
    host,
    capabilities: { ...defaultCapabilities, ...host.capabilities },
    prefix: options.prefix ?? '/ws',
    running: undefined,
    startError: undefined,
  }
  const tally = new Tally(host.name)

  describe(`conformance ${host.name}`, () => {
    beforeAll(async () => {
      try {
        // Every line is kept for the cases, uncapped so no case's line is suppressed by another's;
        // the outcomes group proves the cap on a host of its own.
        shared.running = await startHost(host, { prefix: shared.prefix, logLimit: 0 })
      } catch (error) {
        // Not rethrown: every case then fails with this error, so the summary counts them as failed.
        shared.startError = error
      }
    }, HOOK_TIMEOUT)

    afterAll(async () => {
      await shared.running?.close()
      console.log(tally.summary())
      await writeReport(tally.report(shared.capabilities, host.reasons))
    }, HOOK_TIMEOUT)

    for (const group of groups) {
      describe(group.name, () => {
        for (const testCase of group.cases) {
          const { needs } = testCase
          const result = { group: group.name, name: testCase.name, needs }
          const timeout = testCase.timeout ?? DEFAULT_CASE_TIMEOUT
          const missing = needs !== undefined && !shared.capabilities[needs]
          if (missing) tally.add({ ...result, status: 'skipped', reason: host.reasons?.[needs] ?? 'not supported by this host' })
          it.skipIf(missing)(
            testCase.name,
            async () => {
              const deadline = new CaseDeadline(timeout, testCase.name)
              const { ctx, cleanup } = createCaseContext(shared, deadline)
              try {
                await withinDeadline(testCase.run(ctx), deadline)
                tally.add({ ...result, status: 'passed' })
              } catch (error) {
                tally.add({ ...result, status: 'failed' })
                throw error
              } finally {
                await cleanup()
              }
            },
            // The runner's own timeout is a backstop: ours fires first, so a hung case is counted as failed.
            timeout + BACKSTOP,
          )
        }
      })
    }
  })
}
