/**
 * Demo accounts. A real app verifies a signed token (JWT, session id) here; the chat accepts the
 * user's name as its token so a newcomer can open two tabs as `?token=alice` and `?token=bob`.
 */
export interface ChatUser {
  readonly id: string
  readonly name: string
}

const demoUsers: ReadonlyMap<string, ChatUser> = new Map(
  ['alice', 'bob', 'carol'].map((id) => [id, { id, name: id[0]!.toUpperCase() + id.slice(1) }]),
)

export const demoTokens: readonly string[] = [...demoUsers.keys()]

/** Returns the user for a token, or undefined (the upgrade is then refused). */
export function verifyDemoToken(token: string | undefined): ChatUser | undefined {
  return token === undefined ? undefined : demoUsers.get(token)
}
