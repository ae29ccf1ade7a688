import { now } from '../security/clock.js'
import type { LogLevel, WsLogger } from './logger.js'

/** What the budget reads time from and schedules its summary with; a fake in tests. */
export interface LogClock {
  now(): number
  /** Calls `run` once after `ms`; the timer must not keep the process alive. */
  later(run: () => void, ms: number): void
}

export const systemClock: LogClock = {
  now,
  later(run, ms) {
    const timer = setTimeout(run, ms)
    ;(timer as { unref?: () => void }).unref?.()
  },
}

/** The window the line budget counts in, in milliseconds. */
export const LOG_WINDOW_MS = 1000

/**
 * The bridge-wide cap on log lines: at most `perSecond` lines in each one-second window. Lines past
 * it are counted, not written, and once the window is over one summary line says how many were
 * left out: a flood of bad clients costs at most `perSecond + 1` lines a second, whatever it
 * sends. `perSecond` 0 writes every line. The summary is scheduled only while lines are being left
 * out, so an idle bridge runs no timer.
 */
export class LogBudget {
  readonly #sink: WsLogger
  readonly #perSecond: number
  readonly #clock: LogClock
  #windowStart = -Infinity
  #written = 0
  #suppressed: Record<LogLevel, number> = { error: 0, warn: 0, debug: 0 }
  #scheduled = false

  constructor(sink: WsLogger, perSecond: number, clock: LogClock = systemClock) {
    this.#sink = sink
    this.#perSecond = perSecond
    this.#clock = clock
  }

  /** Writes one line, or counts it when this window's budget is spent. */
  write(level: LogLevel, message: string, error?: unknown): void {
    // Levels the sink does not have are not written and cost no budget.
    if (level === 'debug' && this.#sink.debug === undefined) return
    if (this.#perSecond > 0 && !this.#admit()) {
      this.#suppressed[level]++
      if (!this.#scheduled) {
        this.#scheduled = true
        this.#clock.later(() => this.#summarise(), Math.max(0, this.#windowStart + LOG_WINDOW_MS - this.#clock.now()))
      }
      return
    }
    this.#emit(level, message, error)
  }

  // A logger that throws must not take a connection (or the process) down with it.
  #emit(level: LogLevel, message: string, error?: unknown): void {
    try {
      if (level === 'error') this.#sink.error(message, error)
      else if (level === 'warn') this.#sink.warn(message)
      else this.#sink.debug?.(message)
    } catch {
      // Nowhere left to report it.
    }
  }

  #admit(): boolean {
    const at = this.#clock.now()
    if (at >= this.#windowStart + LOG_WINDOW_MS) {
      // A new window: the previous one's summary first, if its timer has not written it yet.
      if (this.#scheduled) this.#summarise()
      this.#windowStart = at
      this.#written = 0
    }
    if (this.#written >= this.#perSecond) return false
    this.#written++
    return true
  }

  #summarise(): void {
    if (!this.#scheduled) return
    this.#scheduled = false
    const { error, warn, debug } = this.#suppressed
    const total = error + warn + debug
    this.#suppressed = { error: 0, warn: 0, debug: 0 }
    if (total === 0) return
    const levels = Object.entries({ error, warn, debug })
      .filter(([, count]) => count > 0)
      .map(([level, count]) => `${count} ${level}`)
      .join(', ')
    this.#emit(
      'warn',
      `[wsbridge] suppressed ${total} similar log lines past ${this.#perSecond} a second (${levels}); onError and onRefused still saw every one`,
    )
  }
}
