import type { Transport } from '../transport.js'
import type { Frame } from './driver.js'
import type { PresenceMember } from './presence.js'

/** ReadyState.OPEN, without importing the connection's types into pub/sub. */
export const OPEN = 1

/** What the hub reads on a connection's public API. */
export interface HubMember extends PresenceMember {
  readonly readyState: number
  readonly bufferedAmount: number
}

/** What the hub does with a member beyond its public API: the bridge supplies it (connection internals). */
export interface HubMemberAccess<M> {
  /**
   * Sends an already-encoded frame; returns `'sent'` when it was handed to the runtime. The hub
   * passes `shared` for fan-out, where the same frame goes to every member.
   */
  sendFrame(member: M, frame: Frame, shared: boolean): string
  /** The member's transport: its `pubsub` is the runtime's native fan-out (Bun), if it has one. */
  transport(member: M): Transport
  backpressureLimit(member: M): number
}

/**
 * Who a fan-out leaves out: the publishing connection itself for a local publish, its id for a
 * message from another instance, or nobody. Comparing objects, not ids, keeps a local fan-out from
 * comparing two 36-character strings per member and from creating ids that were never read (ids
 * are made on first read, see connection.ts).
 */
export type Excluded<M> = M | string | undefined

export function isExcluded<M extends { readonly id: string }>(member: M, excluded: Excluded<M>): boolean {
  return excluded !== undefined && (typeof excluded === 'string' ? member.id === excluded : member === excluded)
}
