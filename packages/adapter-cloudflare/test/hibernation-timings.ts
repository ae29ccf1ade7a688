/** Longer than workerd's 10 s before it evicts an object without events: the deadline falls after an eviction. */
export const IDLE_SECONDS = 12
