import type { BridgeOptions } from '@wsbridge/core'

/** What a chaos instance runs with, whatever its runtime: the package's backplane and history. */
export interface InstanceSetup {
  /** The bridge options (prefix `/ws`, backplane, durable `news` with its history); each host sets the logger. */
  readonly options: BridgeOptions
  /** Resolves once the backplane (and history, where it has a handshake) is connected. */
  ready(): Promise<unknown>
}

/**
 * A package's options factory: its instance setup from the strings that follow the host kind on
 * an instance's command line (a broker URL, a key prefix…), so it runs in a child process as well
 * as in the test's own. The module that holds it exports it as `instanceOptions`.
 */
export type InstanceFactory = (...args: string[]) => InstanceSetup

/** A child instance logs to stderr, one line each, where the test keeps it unseen (ChildInstance.stderr). */
export const stderrLogger = {
  error: (message: string): void => void process.stderr.write(`${message}\n`),
  warn: (message: string): void => void process.stderr.write(`${message}\n`),
}
