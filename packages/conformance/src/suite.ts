import { afterAll, beforeAll, describe, it } from 'vitest'
import { mergeGroupRoutes, type CaseGroup } from './case.js'
import { createCaseContext, type SharedState } from './context.js'
import { caseGroups } from './groups.js'
import type { ConformanceHost, HostCapabilities } from './host.js'
import { baseRoutes } from './routes/base.js'

export interface SuiteOptions {
  /** Mount point for the demo routes. Default `/ws`. */
  readonly prefix?: string
  /** Groups to run. Default: every group in `caseGroups`. */
  readonly groups?: readonly CaseGroup[]
}

const defaultCapabilities: HostCapabilities = { nativePubSub: false, httpRoutes: false, protocolCloseFrames: true }

interface Tally {
  passed: number
  failed: number
  skipped: number
  readonly reasons: Set<string>
}

export function summaryLine(name: string, tally: Tally): string {
  const skipped = tally.skipped > 0 ? `, ${tally.skipped} skipped (${[...tally.reasons].join('; ')})` : ''
  return `conformance ${name}: ${tally.passed} passed, ${tally.failed} failed${skipped}`
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
  }
  const tally: Tally = { passed: 0, failed: 0, skipped: 0, reasons: new Set() }

  describe(`conformance ${host.name}`, () => {
    beforeAll(async () => {
      try {
        shared.running = await host.start(routes, {
          prefix: shared.prefix,
          onError: (error, connection) => void shared.bridgeErrors.push({ error, route: connection?.route, token: connection?.query['t'] }),
        })
      } catch (error) {
        // Not rethrown: every case then fails with this error, so the summary counts them as failed.
        shared.startError = error
      }
    })

    afterAll(async () => {
      await shared.running?.close()
      console.log(summaryLine(host.name, tally))
    })

    for (const group of groups) {
      describe(group.name, () => {
        for (const testCase of group.cases) {
          const missing = testCase.needs !== undefined && !shared.capabilities[testCase.needs]
          if (missing) {
            tally.skipped++
            tally.reasons.add(`${testCase.needs}: ${host.reasons?.[testCase.needs!] ?? 'not supported by this host'}`)
          }
          it.skipIf(missing)(
            testCase.name,
            async () => {
              const { ctx, cleanup } = createCaseContext(shared)
              try {
                await testCase.run(ctx)
                tally.passed++
              } catch (error) {
                tally.failed++
                throw error
              } finally {
                await cleanup()
              }
            },
            testCase.timeout ?? 10000,
          )
        }
      })
    }
  })
}
