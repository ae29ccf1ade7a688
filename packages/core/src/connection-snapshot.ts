/**
 * What an adapter keeps about an open connection so that a fresh instance of its process can take
 * the same socket over: a Durable Object that hibernates keeps its WebSockets but loses its memory,
 * and rebuilds each connection from this (`bridge.restore`). Plain structured-clonable data.
 */
export interface ConnectionSnapshot {
  /** The connection's id, kept across the hibernation. */
  readonly id: string
  /** The route's key. */
  readonly route: string
  /** The upgrade URL: `params` and `query` are read from it again. */
  readonly url: string
  /** The client's address at the upgrade. */
  readonly ip: string
  /** `connection.user` as auth set it (must survive structured clone). */
  readonly user: unknown
  /** `connection.context` as the hooks set it (must survive structured clone). */
  readonly context: unknown
  /** Topics and rooms the connection had joined (not its route's own topic). */
  readonly topics: readonly string[]
  /**
   * Milliseconds since the client's last frame, as the adapter knows it when it restores (not
   * written by `connectionSnapshot`): the idle timeout counts from there. Default: 0 (just now).
   */
  readonly silentFor?: number
}
