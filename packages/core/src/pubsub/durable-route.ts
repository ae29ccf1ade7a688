import type { Frame } from './driver.js'
/** Where the hub hands durable topics' publishes (see history/durable-topics.ts). */
export interface DurableRoute<M> {
  claims(topics: readonly string[], frame: Frame): boolean
  publish(topic: string, frame: string, sender: M | undefined): void
  /** Undefined when the frame is not a stamped one: it is then delivered as usual. */
  remote(topic: string, frame: string, senderId: string | undefined): number | undefined
}
