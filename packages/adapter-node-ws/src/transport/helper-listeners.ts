/** The parts of `ws`'s WebSocket (an EventEmitter) this needs. */
export interface ListenerOwner {
  listeners(event: string): Function[]
  off(event: string, listener: (...args: any[]) => void): unknown
}

/** What both Node helpers listen to on `ws` right after `onOpen`, only to call the events object. */
const HELPER_EVENTS = ['message', 'close', 'error'] as const

/**
 * Both Node helpers (@hono/node-server 2.1 and @hono/node-ws 1.3) add a `message`, a `close` and an
 * `error` listener to `ws` right after `onOpen` returns, in the same synchronous step. Their only
 * job is to call the events object, and over `ws` the adapter takes all three straight from `ws`.
 * But they are closures over the helper's whole scope: the Hono Context, its Request and
 * node's IncomingMessage (`c.env.incoming`) stay alive as long as the socket is open, ~6 KB per
 * connection (docs/benchmarks.md, finding 11). They also allocate an array per message.
 *
 * Call at the very start of `onOpen`; call what it returns at the end of `onOpen`. In the
 * microtask right after the helper's synchronous step, every `message`, `close` and `error`
 * listener added after `onOpen` returned is removed: those are the helper's. Listeners that were
 * there before (the adapter's own, and any a user handler added during `onOpen`) stay. The
 * microtask is queued first, before any a user's `onOpen` can queue, so a listener a user adds
 * in a later microtask is never touched. A helper that adds its listeners before `onOpen` keeps
 * them: nothing is removed, the adapter ignores what they report, and only the memory stays.
 */
export function releaseHelperListenersAfterOpen(raw: ListenerOwner): () => void {
  let kept: ReadonlyMap<string, ReadonlySet<Function>> | undefined
  queueMicrotask(() => {
    if (kept === undefined) return
    for (const [event, own] of kept) {
      for (const listener of raw.listeners(event)) if (!own.has(listener)) raw.off(event, listener as (...args: any[]) => void)
    }
  })
  return () => {
    kept = new Map(HELPER_EVENTS.map((event) => [event, new Set(raw.listeners(event))]))
  }
}
