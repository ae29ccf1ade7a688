import type { HostCapabilities } from './host.js'

/**
 * How one conformance case ended on a host: `skipped` only when the host lacks the capability the case needs.
 */
export type CaseStatus = 'passed' | 'failed' | 'skipped'

/** One case's outcome on one host, as written to the host's report for the compatibility table. */
export interface CaseResult {
  /** The case's group. */
  readonly group: string
  /** The case's name. */
  readonly name: string
  /** The capability the case needs, if any. */
  readonly needs: keyof HostCapabilities | undefined
  /** Passed, failed, or skipped for a capability the host lacks. */
  readonly status: CaseStatus
  /** Why a case was skipped: the host's reason for lacking the capability. */
  readonly reason?: string
}

/** One host's run, as written to `$WSBRIDGE_CONFORMANCE_REPORT/<host>.json` for the compatibility table. */
export interface HostReport {
  /** The host's name (a column of the compatibility table). */
  readonly host: string
  /** Its capabilities, with the defaults filled in. */
  readonly capabilities: HostCapabilities
  /** The host's reasons for capabilities it lacks. */
  readonly reasons: Partial<Record<keyof HostCapabilities, string>>
  /** Every case's outcome, in run order. */
  readonly results: readonly CaseResult[]
}

/** Counts every case of one host run; skips are counted when registered, the rest when they finish. */
export class Tally {
  /** The host being counted. */
  readonly host: string
  /** Outcomes so far, in the order they were recorded. */
  readonly results: CaseResult[] = []

  constructor(host: string) {
    this.host = host
  }

  /** Records one case's outcome. */
  add(result: CaseResult): void {
    this.results.push(result)
  }

  /** How many cases ended with `status`. */
  count(status: CaseStatus): number {
    return this.results.filter((r) => r.status === status).length
  }

  /** `conformance <host>: N passed, M failed[, K skipped (capability: reason; …)]` */
  summary(): string {
    const skipped = this.results.filter((r) => r.status === 'skipped')
    const reasons = [...new Set(skipped.map((r) => `${r.needs}: ${r.reason}`))].join('; ')
    const skipPart = skipped.length > 0 ? `, ${skipped.length} skipped (${reasons})` : ''
    return `conformance ${this.host}: ${this.count('passed')} passed, ${this.count('failed')} failed${skipPart}`
  }

  /** The host's report for the compatibility table: its capabilities, the reasons for those it lacks, and every result. */
  report(capabilities: HostCapabilities, reasons: Partial<Record<keyof HostCapabilities, string>> = {}): HostReport {
    return { host: this.host, capabilities, reasons, results: this.results }
  }
}

const REPORT_ENV = 'WSBRIDGE_CONFORMANCE_REPORT'

/**
 * Writes the host's report as JSON when `WSBRIDGE_CONFORMANCE_REPORT` names a directory (CI sets it
 * to build docs/compatibility.md from real runs). node:fs is imported lazily: browsers never load
 * this package, but Node and Bun both have it.
 */
export async function writeReport(report: HostReport): Promise<void> {
  const dir = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[REPORT_ENV]
  if (!dir) return
  const { mkdir, writeFile } = await import('node:fs/promises')
  const { join } = await import('node:path')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, `${report.host}.json`), `${JSON.stringify(report, null, 2)}\n`)
}
