import { createBridge } from './bridge.js'
import type { Bridge, BridgeOptions } from './bridge-types.js'
import type { Routes } from './route.js'

/** Adapters accept either a bridge or plain routes; this gives them a bridge either way. */
export function toBridge<R extends Routes>(routesOrBridge: R | Bridge<R>, options?: BridgeOptions): Bridge<R> {
  if (isBridge(routesOrBridge)) return routesOrBridge
  return createBridge(routesOrBridge, options)
}

export function isBridge(value: unknown): value is Bridge {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bridge).authorize === 'function' &&
    typeof (value as Bridge).open === 'function'
  )
}
