import type { Limits, RouteLimits } from '../limits.js'
import { heartbeatInterval } from './options.js'
import { now } from './clock.js'

const MIN_PERIOD = 10
const MAX_PERIOD = 1000

/**
 * The one timer per bridge behind heartbeat, idle timeout, close timeouts and drain polling.
 * It ticks only while connections exist (so an idle process can exit), is unref'd where the
 * runtime supports it, and its period is a quarter of the shortest deadline any route configures,
 * capped at one second, so every deadline fires at most 25% late.
 */
export class Sweeper {
  readonly period: number
  readonly #tick: (at: number) => void
  #timer: ReturnType<typeof setInterval> | undefined
  /** Set once an adapter sweeps on its own schedule (sweep-control.ts): no interval runs again. */
  #external = false

  constructor(period: number, tick: (at: number) => void) {
    this.period = period
    this.#tick = tick
  }

  /** Call whenever a connection is added; starts the timer if it is not running. */
  wake(): void {
    // Period 0: no deadline to keep, so no timer (a runtime that hibernates idle instances can).
    if (this.#timer !== undefined || this.period === 0 || this.#external) return
    this.#timer = setInterval(() => this.#tick(now()), this.period)
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  /** Stops the interval for good: from now on the adapter calls `sweep` when a deadline is due. */
  external(): void {
    this.#external = true
    this.sleep()
  }

  /** One visit of every connection, at `at` (core's clock). */
  sweep(at: number): void {
    this.#tick(at)
  }

  /** Call when the last connection is gone. */
  sleep(): void {
    if (this.#timer === undefined) return
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}

/** The sweep period for a bridge: a quarter of its shortest heartbeat, idle or close deadline; 0 when it has none. */
export function sweepPeriod(base: Limits, routeLimits: readonly (RouteLimits | undefined)[]): number {
  let shortest = Number.POSITIVE_INFINITY
  for (const limits of [base, ...routeLimits]) {
    if (!limits) continue
    const heartbeat = limits.heartbeat === undefined ? 0 : heartbeatInterval(limits.heartbeat)
    if (heartbeat > 0) shortest = Math.min(shortest, heartbeat)
    if (limits.idleTimeout !== undefined && limits.idleTimeout > 0) shortest = Math.min(shortest, limits.idleTimeout * 1000)
    if (limits.closeTimeout !== undefined && limits.closeTimeout > 0) shortest = Math.min(shortest, limits.closeTimeout)
  }
  // No heartbeat, idle timeout or close deadline anywhere: nothing to sweep, and no timer runs.
  if (shortest === Number.POSITIVE_INFINITY) return 0
  return Math.min(MAX_PERIOD, Math.max(MIN_PERIOD, Math.floor(shortest / 4)))
}
