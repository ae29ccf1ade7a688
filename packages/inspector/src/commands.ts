import type { Bridge, Connection, StandardSchemaV1 } from '@wsbridge/core'

/** The outcome of a send or publish the page asked for, shown next to its form. */
export interface CommandResult {
  readonly ok: boolean
  readonly message: string
}

/**
 * Checks `data` against the `output` schema of each route in `routes` (what that route's server
 * may send), so a form cannot put a message on the wire its clients were not promised.
 */
export async function checkOutputs(bridge: Bridge, routes: Iterable<string>, data: unknown): Promise<CommandResult | undefined> {
  for (const name of new Set(routes)) {
    const schema = bridge.routes[name]?.output as StandardSchemaV1 | undefined
    if (schema === undefined || typeof schema !== 'object' || !('~standard' in schema)) continue
    const result = await schema['~standard'].validate(data)
    if (result.issues) {
      const issues = result.issues.map(
        (issue) =>
          `${(issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || '(root)'}: ${issue.message}`,
      )
      return { ok: false, message: `Not a valid "${name}" server message: ${issues.join('; ')}` }
    }
  }
  return undefined
}

/** The open connection with this id (the inspector's own route excluded), if any. */
export function findConnection(bridge: Bridge, id: string, hidden: string): Connection | undefined {
  for (const connection of bridge.connections) if (connection.id === id && connection.route !== hidden) return connection
  return undefined
}

/** The routes of the local subscribers of `topic`, read from the bridge's presence. */
export function subscriberRoutes(bridge: Bridge, topic: string, hidden: string): string[] {
  const ids = new Set(bridge.presence(topic).map((member) => member.id))
  const routes: string[] = []
  for (const connection of bridge.connections) if (ids.has(connection.id) && connection.route !== hidden) routes.push(connection.route)
  return routes
}
