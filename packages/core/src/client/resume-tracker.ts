import type { GapFrame, ResumePositions, StampedFrame } from '../control-frames.js'

/**
 * The client half of resume: remembers the last sequence number seen per topic (with the server
 * buffer's epoch), drops replayed duplicates, and reports the positions when reconnecting.
 * Positions live as long as the logical connection, so they survive every reconnect.
 */
export class ResumeTracker {
  readonly #seen: Map<string, { epoch: string; seq: number }> = new Map()

  /** Records a stamped message; returns false for one already delivered (a replay overlap). */
  accept(frame: StampedFrame): boolean {
    const last = this.#seen.get(frame.t)
    if (last && last.epoch === frame.e && frame.s <= last.seq) return false
    this.#seen.set(frame.t, { epoch: frame.e, seq: frame.s })
    return true
  }

  /** After a gap the client continues from the server's oldest buffered message. */
  gap(frame: GapFrame): void {
    this.#seen.set(frame.t, { epoch: frame.e, seq: frame.next - 1 })
  }

  get size(): number {
    return this.#seen.size
  }

  /** JSON for the `~resume` query parameter, or undefined before any stamped message arrived. */
  encode(): string | undefined {
    if (this.#seen.size === 0) return undefined
    const positions: ResumePositions = {}
    for (const [topic, { epoch, seq }] of this.#seen) positions[topic] = [epoch, seq]
    return JSON.stringify(positions)
  }
}
