import type { WsLogger } from '../../src/index.js'
import type { LogClock } from '../../src/logging/log-budget.js'

export interface LoggedLine {
  readonly level: 'error' | 'warn' | 'info' | 'debug'
  readonly message: string
  /** What `error` got as its second argument (the stack's carrier). */
  readonly error?: unknown
}

/** A logger that records every line, with or without `debug`. */
export function recordingLogger(withDebug = true): WsLogger & { readonly lines: LoggedLine[] } {
  const lines: LoggedLine[] = []
  const logger = {
    lines,
    error: (message: string, error?: unknown) =>
      void lines.push(error === undefined ? { level: 'error', message } : { level: 'error', message, error }),
    warn: (message: string) => void lines.push({ level: 'warn', message }),
  }
  return withDebug ? { ...logger, debug: (message: string) => void lines.push({ level: 'debug', message }) } : logger
}

/** A clock the test moves by hand; `later` callbacks run when the time passes theirs. */
export function fakeClock(): LogClock & { advance(ms: number): void; readonly pending: number } {
  let time = 1_000_000
  let timers: { at: number; run: () => void }[] = []
  return {
    now: () => time,
    later(run, ms) {
      timers.push({ at: time + ms, run })
    },
    advance(ms) {
      time += ms
      const due = timers.filter((t) => t.at <= time)
      timers = timers.filter((t) => t.at > time)
      for (const timer of due) timer.run()
    },
    get pending() {
      return timers.length
    },
  }
}
