import type { Frame } from './driver.js'

/** The most bytes one frame can add to a socket's send buffer: UTF-8 needs at most 3 bytes per UTF-16 unit, a server frame header at most 10. */
export function maxWireBytes(frame: Frame): number {
  return (typeof frame === 'string' ? frame.length * 3 : frame.byteLength) + 10
}

/**
 * Lets a native publish (Bun's `ws.publish`) skip reading every subscriber's buffered amount, a
 * runtime call per member that cost more than the publish itself (docs/benchmarks.md, finding 3).
 *
 * A check of a topic's members records the smallest headroom (limit − buffered bytes) among them.
 * Every byte handed to any native socket afterwards is counted here, whichever topic or send it came
 * from. While that count stays below the recorded headroom, no member can have reached its limit,
 * so the check's answer ("everyone fits, publish natively") still holds without asking the runtime.
 */
export class NativeClearance {
  /** Upper bound of the bytes handed to native sockets since the bridge started. */
  #queued = 0
  /** topic → the value of #queued at which its last check stops proving anything. */
  readonly #until = new Map<string, number>()

  /** Bytes handed to a native socket: a publish (once; each member gets it once) or a direct send. */
  queued(bytes: number): void {
    this.#queued += bytes
  }

  /** Whether `topic`'s last check still proves every member is below its backpressure limit. */
  holds(topic: string): boolean {
    const until = this.#until.get(topic)
    return until !== undefined && this.#queued < until
  }

  /** Records a check: every member of `topic` was at least `headroom` bytes below its limit. */
  checked(topic: string, headroom: number): void {
    if (headroom > 0) this.#until.set(topic, this.#queued + headroom)
    else this.#until.delete(topic)
  }

  /** Whether `topic` has a check that still counts (a member joining it must then be folded in). */
  recorded(topic: string): boolean {
    return this.#until.has(topic)
  }

  /**
   * A member joined `topic` `headroom` bytes below its limit. Its buffer grows by at most the bytes
   * counted from now on, so the topic's check still holds while those stay below its headroom too:
   * one read of the newcomer's buffer instead of every member's at the next publish.
   */
  joined(topic: string, headroom: number): void {
    const until = this.#until.get(topic)
    if (until === undefined) return
    if (!(headroom > 0)) this.#until.delete(topic)
    else if (this.#queued + headroom < until) this.#until.set(topic, this.#queued + headroom)
  }

  /** `topic` lost its last member (or its members' buffers are unknown): its check is dropped. */
  forget(topic: string): void {
    this.#until.delete(topic)
  }

  /**
   * The runtime also queues bytes core never sees (Bun answers pings with pongs on its own), so the
   * bridge's sweep forgets every check: such bytes can go uncounted for one sweep period at most.
   */
  forgetAll(): void {
    this.#until.clear()
  }
}
