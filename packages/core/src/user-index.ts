/**
 * Which user a connection belongs to, for cluster control (`bridge.sendToUser`,
 * `bridge.disconnectUser`). `BridgeOptions.userKey` maps `connection.user` (what the auth hook
 * returned) to a string; a connection whose user has no key is never targeted.
 */
export type UserKey = (user: unknown) => string | undefined

/** The default key: a string or number user itself, else the user's `id` (string or number). */
export function defaultUserKey(user: unknown): string | undefined {
  if (typeof user === 'string') return user
  if (typeof user === 'number') return String(user)
  if (typeof user !== 'object' || user === null) return undefined
  const id = (user as { id?: unknown }).id
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined
}

/** This instance's open connections by user key. */
export class UserIndex<C extends { readonly user: unknown }> {
  readonly #byUser = new Map<string, Set<C>>()
  /** The key each indexed connection was filed under (its user may change on a token refresh). */
  readonly #keys = new Map<C, string>()
  readonly #key: UserKey

  constructor(key: UserKey = defaultUserKey) {
    this.#key = key
  }

  /** The key of `user`; undefined when it has none or userKey throws. */
  keyOf(user: unknown): string | undefined {
    try {
      return this.#key(user)
    } catch {
      // A throwing userKey leaves the connection out of cluster control rather than failing its open.
      return undefined
    }
  }

  /** Files `connection` under its user's key now (again after its user changed). */
  add(connection: C): void {
    this.remove(connection)
    const key = this.keyOf(connection.user)
    if (key === undefined) return
    this.#keys.set(connection, key)
    const set = this.#byUser.get(key) ?? this.#byUser.set(key, new Set()).get(key)!
    set.add(connection)
  }

  remove(connection: C): void {
    const key = this.#keys.get(connection)
    if (key === undefined) return
    this.#keys.delete(connection)
    const set = this.#byUser.get(key)
    if (set?.delete(connection) && set.size === 0) this.#byUser.delete(key)
  }

  get(key: string): ReadonlySet<C> | undefined {
    return this.#byUser.get(key)
  }

  /** Users with an open connection here (a leak check). */
  get size(): number {
    return this.#byUser.size
  }
}
