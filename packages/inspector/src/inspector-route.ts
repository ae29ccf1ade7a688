import { defineRoute, type Connection } from '@wsbridge/core'
import * as v from 'valibot'
import { admits } from './access.js'

/** What the page sends: a typed message to a connection, a publish, recording on/off, an export. */
export const PageMessages = {
  send: v.object({ connection: v.string(), data: v.unknown() }),
  publish: v.object({ topic: v.pipe(v.string(), v.minLength(1)), data: v.unknown() }),
  record: v.object({ on: v.boolean() }),
  export: v.object({}),
}

/** What the route does with each page message; implemented by the inspector (inspector.ts). */
export interface PageHandlers {
  opened(viewer: Connection): void
  closed(viewer: Connection): void
  send(viewer: Connection, id: string, data: unknown): void
  publish(viewer: Connection, topic: string, data: unknown): void
  record(viewer: Connection, on: boolean): void
  exportSession(viewer: Connection): void
}

/**
 * The WebSocket route the inspector page talks to. Its upgrade is refused (401) to any peer that is
 * not loopback unless the app configured `token` and the page presents it as `?token=`.
 */
export function inspectorRoute(path: string, token: string | undefined, handlers: PageHandlers) {
  return defineRoute({
    kind: 'ws',
    path,
    auth: (request) => (admits(request.ip, request.query['token'], token) ? { inspector: true } : null),
    messages: {
      send: { schema: PageMessages.send, handler: (m, c) => handlers.send(c, m.connection, m.data) },
      publish: { schema: PageMessages.publish, handler: (m, c) => handlers.publish(c, m.topic, m.data) },
      record: { schema: PageMessages.record, handler: (m, c) => handlers.record(c, m.on) },
      export: { schema: PageMessages.export, handler: (_m, c) => handlers.exportSession(c) },
    },
    handler: {
      onOpen: (connection) => handlers.opened(connection),
      onClose: (connection) => handlers.closed(connection),
    },
  })
}

/** The inspector's route definition, as it appears in the app's route table. */
export type InspectorRoute = ReturnType<typeof inspectorRoute>
