import type { Frame, PubSubMessage } from './driver.js'

/** The part of the bridge's instrumentation the hub calls (see BridgeInstrumentation). */
export interface PubSubObserver<M> {
  published?(topics: readonly string[], frame: Frame, sender: M | undefined, deliveries: number): string | undefined
  delivered?(message: PubSubMessage, via: string, deliveries: number): void
  driverState?(driver: string, state: 'up' | 'down'): void
}
