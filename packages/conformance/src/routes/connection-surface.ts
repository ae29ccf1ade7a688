import { defineRoute, type Connection } from '@wsbridge/core'
import { FORMER_INTERNALS } from '../connection-surface-names.js'

/** What a handler can reach on its connection: every key up to Object.prototype, and static members of the classes behind it. */
export interface SurfaceReport {
  readonly at: 'open' | 'message'
  readonly keys: string[]
  readonly statics: string[]
  /** Former internal names that are not `undefined` on the connection. */
  readonly internals: string[]
}

function surfaceOf(connection: Connection, at: SurfaceReport['at']): SurfaceReport {
  const keys = new Set<string>()
  const statics: string[] = []
  for (
    let level: object | null = connection;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const key of Reflect.ownKeys(level)) keys.add(typeof key === 'symbol' ? key.toString() : key)
    const ctor: unknown = level === connection ? undefined : Object.getOwnPropertyDescriptor(level, 'constructor')?.value
    if (typeof ctor === 'function')
      for (const key of Reflect.ownKeys(ctor)) if (key !== 'length' && key !== 'name' && key !== 'prototype') statics.push(String(key))
  }
  const loose = connection as unknown as Record<string, unknown>
  const internals = FORMER_INTERNALS.filter((name) => typeof loose[name] !== 'undefined')
  return { at, keys: [...keys].sort(), statics, internals }
}

/** A route whose handlers send back what they can reach on the connection they receive. */
export const connectionSurfaceRoutes = {
  surfaceReport: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.send(surfaceOf(connection, 'open')),
      onMessage: (_message, connection) => connection.send(surfaceOf(connection, 'message')),
    },
  }),
}
