/**
 * The window in which resent requests are answered instead of run again (docs/requests.md,
 * "Reconnects"): one entry per `(route, session, id)`, claimed when its handler starts and holding
 * the reply frame once it ends. The default, `createMemoryRequestDedupe()`, is this instance's
 * memory; a shared store (`createRedisRequestDedupe()` from `@wsbridge/history-redis`) makes the
 * window cluster-wide, so a client that reconnects to another instance gets the stored reply.
 */
export interface RequestDedupeStore {
  /**
   * A request with a session id arrived and no handler for it runs on this instance. Atomically:
   * the first time, record a claim and answer `claimed` (run the handler); while another claim
   * holds it, `running` (the bridge asks again later); once settled, `replied` with the frame.
   * A claim may lapse (a shared store's lease, when the instance holding it died): the next
   * `claim` then claims it again. A sync answer costs nothing more than the call.
   */
  claim(request: DedupedRequest): DedupeClaim | Promise<DedupeClaim>
  /** The handler ended: keep its reply frame (error replies too) for resends until the window ends. */
  settle(request: DedupedRequest, reply: string): void | Promise<void>
  /** Releases the store's connections; `bridge.close()` calls it. */
  close?(): void | Promise<void>
}

/** One request the store is asked about. `key` is the three parts joined, unique per bridge. */
export interface DedupedRequest {
  /** Route, session and request id joined: the store's key. */
  readonly key: string
  /** The route's key in the routes object. */
  readonly route: string
  /** The client's session id (`s` on the request frame). */
  readonly session: string
  /** The request id, chosen by the client, unique per session. */
  readonly id: number
}

/** What `claim` found; `replied.reply` is the complete reply frame to send. */
export type DedupeClaim =
  | {
      /** Nobody ran it yet: the asker now holds the claim and runs the handler. */
      readonly state: 'claimed'
    }
  | {
      /** A handler for it is running (here or on another instance). */
      readonly state: 'running'
    }
  | {
      /** It ran and ended: `reply` answers the resend. */
      readonly state: 'replied'
      /** The complete reply frame to send. */
      readonly reply: string
    }

/** The two answers that carry no data, shared so a claim allocates nothing. */
export const CLAIMED: DedupeClaim = Object.freeze({ state: 'claimed' })
export const RUNNING: DedupeClaim = Object.freeze({ state: 'running' })
