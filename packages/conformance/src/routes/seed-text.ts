import { defineRoute } from '@wsbridge/core'

/**
 * Seed 003 (imphnen.js's WebSocket page), its text examples as written, in wsbridge's idiom: a route
 * with `format: 'text'` sends `'Welcome!'` on open and answers `Echo: ${message}`. `seedTextEcho` is
 * the seed's test app (echo only); `textRoom` proves text pub/sub; `textSmall` a route's own limit.
 */
export const seedTextRoutes = {
  seedTextChat: defineRoute({
    kind: 'ws',
    format: 'text',
    path: '/seed/text/chat',
    handler: {
      onOpen: (ws) => ws.send('Welcome!'),
      onMessage: (message, ws) => ws.send(`Echo: ${message}`),
    },
  }),
  seedTextEcho: defineRoute({
    kind: 'ws',
    format: 'text',
    path: '/seed/text/echo',
    handler: { onMessage: (message, ws) => ws.send(`Echo: ${message}`) },
  }),
  /** Joins topic `text:<name>`; a message is published to it, to the sender too when it starts with `all:`. */
  textRoom: defineRoute({
    kind: 'ws',
    format: 'text',
    path: '/text/room/:name',
    handler: {
      onOpen: (ws) => ws.subscribe(`text:${ws.params.name}`),
      onMessage: (message, ws) => void ws.publish(`text:${ws.params.name}`, message, { includeSelf: message.startsWith('all:') }),
    },
  }),
  textSmall: defineRoute({
    kind: 'ws',
    format: 'text',
    path: '/text/small',
    limits: { maxPayloadLength: 32 },
    handler: { onMessage: (message, ws) => ws.send(message) },
  }),
}
