/**
 * A live, read-only view of a Set. A Set typed as ReadonlySet can still be cast back and mutated;
 * this view has no mutating methods at all, so user code cannot corrupt the bridge's bookkeeping.
 */
export function readonlySetView<T>(set: ReadonlySet<T>): ReadonlySet<T> {
  const view: ReadonlySet<T> = {
    get size() {
      return set.size
    },
    has: (value) => set.has(value),
    forEach: (callback, thisArg?: unknown) => set.forEach((value) => callback.call(thisArg, value, value, view)),
    keys: () => set.keys(),
    values: () => set.values(),
    entries: () => set.entries(),
    [Symbol.iterator]: () => set.values(),
  }
  return Object.freeze(view)
}
