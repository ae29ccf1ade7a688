import type { Bridge, Routes } from '@wsbridge/core'
import { externalSweeps, type SweepControl } from '@wsbridge/core/adapter'
import type { DurableObjectStateLike } from './cloudflare-types.js'

/** The object's alarm as the bridge's sweep timer (see `alarmSchedule`). */
export interface AlarmSchedule {
  /** An alarm this instance set has not fired yet. */
  readonly pending: boolean
  /** After an event: sets the alarm for the bridge's next deadline, unless one is set at or before it. */
  update(): void
  /** From the object's `alarm()`: sweeps, then sets the alarm for what is due next. */
  fired(): void
}

/**
 * Core's heartbeat, idle and close deadlines on the Durable Object's alarm. A timer in the object
 * would keep it in memory (it cannot hibernate while one is pending), and never fire once workerd
 * evicts it; an alarm wakes a new instance, whose adapter has taken every socket back by then. The
 * alarm is set for the earliest deadline only, so an object whose clients are all quiet sleeps
 * until one is due. Without `state.storage` (a stand-in state), core keeps its own timer.
 * `beforeSweep` runs first at every sweep: what happened without waking the object is told to core then.
 */
/** How late an alarm may fire for a deadline before it is moved: well under any limit's granularity. */
const ALARM_SLACK_MS = 5

export function alarmSchedule(bridge: Bridge<Routes>, state: DurableObjectStateLike, beforeSweep: () => void = () => {}): AlarmSchedule {
  const storage = state.storage
  const sweeps: SweepControl | undefined = storage ? externalSweeps(bridge) : undefined
  // When the alarm this instance set will fire (Date.now() clock); undefined once it fired or failed.
  let alarmAt: number | undefined
  // Set when workerd refused the alarm (an object class without `alarm()`): a timer stands in,
  // which works while the object stays in memory (and keeps it there), as core's own did.
  let fallback: ReturnType<typeof setTimeout> | undefined
  let refused = false

  function update(): void {
    if (!storage || !sweeps) return
    const delay = sweeps.next()
    if (delay === undefined) return
    const at = Date.now() + delay
    // An earlier alarm sweeps and sets the next one itself. So does one a hair later: core measures
    // delays on its own clock, so the same deadline read twice can land a millisecond either side of
    // Date.now(), and moving the alarm for that would cost a storage write for nothing.
    if (alarmAt !== undefined && alarmAt <= at + ALARM_SLACK_MS) return
    alarmAt = at
    if (refused) {
      clearTimeout(fallback)
      fallback = setTimeout(fired, delay)
      return
    }
    Promise.resolve(storage.setAlarm(at)).catch(() => {
      // "Your Durable Object class must have an alarm() handler": from now on, a timer.
      refused = true
      alarmAt = undefined
      update()
    })
  }

  function fired(): void {
    alarmAt = undefined
    beforeSweep()
    sweeps?.sweep()
    update()
  }

  return {
    get pending() {
      return alarmAt !== undefined
    },
    update,
    fired,
  }
}
