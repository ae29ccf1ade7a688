/**
 * An in-process side channel between demo routes and the cases. The host runs in the same process
 * as the suite (`ConformanceHost.start` is a function), so routes record what they observed
 * (onClose calls, send results, route onError calls) under the token the client put in the query
 * string (`?t=<token>`), and the case reads it back. Tokens are random per case, so several hosts
 * or groups can share the one module-level log.
 */

export interface RecordedEvent {
  readonly type: string
  readonly [key: string]: unknown
}

const log: Map<string, RecordedEvent[]> = new Map()

export function record(token: string | undefined, event: RecordedEvent): void {
  if (!token) return
  const events = log.get(token)
  if (events) events.push(event)
  else log.set(token, [event])
}

export function recorded(token: string): readonly RecordedEvent[] {
  return log.get(token) ?? []
}

/** Polls the log until `predicate` holds; rejects with what was recorded after `timeout` ms. */
export async function waitForRecorded(
  token: string,
  predicate: (events: readonly RecordedEvent[]) => boolean,
  timeout = 3000,
): Promise<readonly RecordedEvent[]> {
  const deadline = Date.now() + timeout
  for (;;) {
    const events = recorded(token)
    if (predicate(events)) return events
    if (Date.now() > deadline) throw new Error(`timed out waiting for recorded events under ${token}; got ${JSON.stringify(events)}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Forgets a token's events (the suite calls it after each case). */
export function forget(token: string): void {
  log.delete(token)
}
