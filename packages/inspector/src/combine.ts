import type { BridgeInstrumentation } from '@wsbridge/core'

type Hook = (...args: never[]) => unknown

/**
 * One `instrumentation` from the inspector's recorder and the app's own observer (`next`): every
 * hook calls the recorder first, then `next`, whose answer (a message scope, a trace context) is
 * the one the bridge gets. Hooks neither has stay absent, so their call sites still cost one check.
 */
export function combineInstrumentation(recorder: BridgeInstrumentation, next: BridgeInstrumentation | undefined): BridgeInstrumentation {
  if (next === undefined) return recorder
  const combined: Record<string, Hook> = {}
  const names = new Set([...Object.keys(recorder), ...hookNamesOf(next)])
  for (const name of names) {
    const first = (recorder as Record<string, Hook | undefined>)[name]
    const second = (next as Record<string, Hook | undefined>)[name]
    if (typeof second !== 'function') {
      if (first) combined[name] = first
      continue
    }
    combined[name] = (...args: never[]): unknown => {
      first?.(...args)
      return second.apply(next, args)
    }
  }
  return combined as BridgeInstrumentation
}

/** Own and prototype members: an observer may be a class instance. */
function hookNamesOf(observer: object): string[] {
  const names = new Set<string>()
  for (let o: object | null = observer; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null)
    for (const name of Object.getOwnPropertyNames(o)) if (name !== 'constructor') names.add(name)
  return [...names]
}
