/**
 * The suite's copy of what routes recorded on the hosts (onClose calls, send results, route
 * onError calls), keyed by the token the case's client put in the query string (`?t=<token>`).
 * Hosts report each record on their event channel (`fixture/journal.ts`); every running host feeds
 * this mirror. Tokens are random per case, so hosts and groups can share it.
 */

export interface RecordedEvent {
  /** What happened (`open`, `message`, `close`, …); the other keys are the event's details. */
  readonly type: string
  readonly [key: string]: unknown
}

const log: Map<string, RecordedEvent[]> = new Map()
const listeners: Map<string, Set<() => void>> = new Map()

/** Adds a record that came over the wire and wakes whoever waits on its token. */
export function mirrorRecord(token: string, event: RecordedEvent): void {
  const events = log.get(token)
  if (events) events.push(event)
  else log.set(token, [event])
  for (const listener of listeners.get(token) ?? []) listener()
}

/**
 * What the hosts have recorded so far for a case's token (empty when nothing arrived yet). Use
 * `waitForRecorded` when the record may still be on its way.
 */
export function recorded(token: string): readonly RecordedEvent[] {
  return log.get(token) ?? []
}

/** Resolves once `predicate` holds over the token's records (woken by each one); rejects with what was recorded after `timeout` ms. */
export function waitForRecorded(
  token: string,
  predicate: (events: readonly RecordedEvent[]) => boolean,
  timeout = 3000,
): Promise<readonly RecordedEvent[]> {
  if (predicate(recorded(token))) return Promise.resolve(recorded(token))
  return new Promise((resolve, reject) => {
    const waiting = listeners.get(token) ?? new Set()
    listeners.set(token, waiting)
    const done = (): void => {
      clearTimeout(timer)
      waiting.delete(check)
      if (waiting.size === 0) listeners.delete(token)
    }
    const check = (): void => {
      if (!predicate(recorded(token))) return
      done()
      resolve(recorded(token))
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`timed out waiting for recorded events under ${token}; got ${JSON.stringify(recorded(token))}`))
    }, timeout)
    waiting.add(check)
  })
}

/** Forgets a token's events (the suite calls it after each case). */
export function forget(token: string): void {
  log.delete(token)
}
