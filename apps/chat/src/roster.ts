/**
 * Who is in which room, on this instance: room → connection id → display name. A user with two
 * tabs open counts once in the list. With the Redis backplane each instance lists its own members
 * (see README, "Presence across instances").
 */
export class Roster {
  readonly #rooms: Map<string, Map<string, string>> = new Map()

  add(room: string, connectionId: string, name: string): void {
    let members = this.#rooms.get(room)
    if (!members) this.#rooms.set(room, (members = new Map()))
    members.set(connectionId, name)
  }

  /** Removes the connection; returns false when it was not in the room. */
  remove(room: string, connectionId: string): boolean {
    const members = this.#rooms.get(room)
    if (!members?.delete(connectionId)) return false
    if (members.size === 0) this.#rooms.delete(room)
    return true
  }

  /** Sorted, de-duplicated display names. */
  names(room: string): string[] {
    return [...new Set(this.#rooms.get(room)?.values() ?? [])].sort()
  }
}
