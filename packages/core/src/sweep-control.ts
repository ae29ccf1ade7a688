import type { ConnectionImpl } from './connection.js'
import { nextDue } from './connection-policy.js'
import { now } from './security/clock.js'
import type { Sweeper } from './security/liveness.js'

/**
 * The bridge's heartbeat, idle and close deadlines on the adapter's schedule instead of core's
 * interval (`externalSweeps`). For a runtime where a pending timer keeps an instance in memory, or
 * never fires once the instance is evicted: a Durable Object sets an alarm for `next()` and calls
 * `sweep()` from its `alarm()` handler, so it can hibernate between deadlines.
 */
export interface SweepControl {
  /** Visits every connection now: pings, idle closes and stalled closes that are due. */
  sweep(): void
  /**
   * Milliseconds until a sweep next has something to do (0: now), or undefined when no connection
   * has a deadline. Call it after every event: each one can move a deadline (a message, a close).
   */
  next(): number | undefined
}

const controls = new WeakMap<object, { readonly sweeper: Sweeper; readonly connections: Iterable<ConnectionImpl> }>()

/** Called once by createBridge: what `externalSweeps` takes over. */
export function registerSweeps(bridge: object, sweeper: Sweeper, connections: Iterable<ConnectionImpl>): void {
  controls.set(bridge, { sweeper, connections })
}

/**
 * Takes `bridge`'s sweeps off core's interval for good (it never starts again) and hands them to
 * the caller: an adapter calls this once, right after creating or receiving the bridge.
 */
export function externalSweeps(bridge: object): SweepControl {
  const entry = controls.get(bridge)
  if (!entry) throw new TypeError('[wsbridge] externalSweeps needs a bridge made by createBridge')
  const { sweeper, connections } = entry
  sweeper.external()
  return {
    sweep: () => sweeper.sweep(now()),
    next() {
      // No heartbeat, idle timeout or close deadline configured anywhere: nothing will ever be due.
      if (sweeper.period === 0) return undefined
      const at = now()
      let due = Number.POSITIVE_INFINITY
      for (const connection of connections) due = Math.min(due, nextDue(connection, at) ?? due)
      return due === Number.POSITIVE_INFINITY ? undefined : due - at
    },
  }
}
