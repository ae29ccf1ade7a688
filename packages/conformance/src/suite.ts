import { afterAll, beforeAll, describe, it } from 'vitest'
import { mergeGroupRoutes, type CaseGroup } from './case.js'
import { createCaseContext, type SharedState } from './context.js'
import { caseGroups } from './groups.js'
import type { ConformanceHost, HostCapabilities } from './host.js'
import { baseRoutes } from './routes/base.js'
import { Tally, writeReport } from './tally.js'
import { recordingLogger } from './log-records.js'

export interface SuiteOptions {
  /** Mount point for the demo routes. Default `/ws`. */
  readonly prefix?: string
  /** Groups to run. Default: every group in `caseGroups`. */
  readonly groups?: readonly CaseGroup[]
}

const defaultCapabilities: HostCapabilities = { nativePubSub: false, httpRoutes: false, protocolCloseFrames: true }

const DEFAULT_CASE_TIMEOUT = 10_000

function withinTimeout(work: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`case "${name}" timed out after ${ms}ms`)), ms)
  })
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}

/**
 * Registers the conformance suite for `host` with the test runner (vitest on Node, `bun test` on
 * Bun). The host is started once before the cases and closed after them; afterwards one line
 * `conformance <host>: N passed, M failed[, K skipped (reasons)]` is printed.
 */
export function runConformanceSuite(host: ConformanceHost, options: SuiteOptions = {}): void {
  const groups = options.groups ?? caseGroups
  const routes = { ...baseRoutes, ...mergeGroupRoutes(groups) }
  const shared: SharedState = {
    host,
    capabilities: { ...defaultCapabilities, ...host.capabilities },
    prefix: options.prefix ?? '/ws',
    running: undefined,
    startError: undefined,
    bridgeErrors: [],
    refusals: [],
    logLines: [],
  }
  const tally = new Tally(host.name)

  describe(`conformance ${host.name}`, () => {
    beforeAll(async () => {
      try {
        shared.running = await host.start(routes, {
          prefix: shared.prefix,
          onError: (error, connection) =>
            void shared.bridgeErrors.push({ error, route: connection?.route, token: connection?.query['t'], connection: connection?.id }),
          onRefused: (refusal) => void shared.refusals.push(refusal),
          // Every line is kept for the cases (nothing printed), uncapped so no case's line is
          // suppressed by another's; the outcomes group proves the cap on a host of its own.
          logger: recordingLogger(shared.logLines),
          logLimit: 0,
        })
      } catch (error) {
        // Not rethrown: every case then fails with this error, so the summary counts them as failed.
        shared.startError = error
      }
    })

    afterAll(async () => {
      await shared.running?.close()
      console.log(tally.summary())
      await writeReport(tally.report(shared.capabilities, host.reasons))
    })

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
              const { ctx, cleanup } = createCaseContext(shared)
              try {
                await withinTimeout(testCase.run(ctx), timeout, testCase.name)
                tally.add({ ...result, status: 'passed' })
              } catch (error) {
                tally.add({ ...result, status: 'failed' })
                throw error
              } finally {
                await cleanup()
              }
            },
            // The runner's own timeout is a backstop: ours fires first, so a hung case is counted as failed.
            timeout + 1000,
          )
        }
      })
    }
  })
}
