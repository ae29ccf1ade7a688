import { afterAll, beforeAll, describe, it } from 'vitest'
import type { CaseGroup } from './case.js'
import { createCaseContext, type SharedState, startHost } from './context.js'
import { caseGroups } from './groups.js'
import type { ConformanceHost, HostCapabilities } from './host.js'
import { Tally, writeReport } from './tally.js'

export interface SuiteOptions {
  /** Mount point for the fixture routes. Default `/ws`. */
  readonly prefix?: string
  /** Groups to run. Default: every group in `caseGroups`. */
  readonly groups?: readonly CaseGroup[]
}

const defaultCapabilities: HostCapabilities = {
  nativePubSub: false,
  httpRoutes: false,
  protocolCloseFrames: true,
  restart: true,
  abortiveClose: true,
  serverPing: true,
  refusalHeaders: true,
  protocolErrors: true,
  payloadLimit: true,
  compressionControl: true,
  bufferedAmount: true,
  headerLimit: true,
  nonGetUpgrade: true,
  closeOutsideEvents: true,
}

const DEFAULT_CASE_TIMEOUT = 10_000
/** Starting a host process: a cold runtime may compile the fixture first. */
const HOOK_TIMEOUT = 60_000

function withinTimeout(work: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`case "${name}" timed out after ${ms}ms`)), ms)
  })
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}

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
