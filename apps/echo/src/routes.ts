// The seed tutorial's two routes ("Your First WebSocket Route" and "Complete Example: Chat Echo"),
// as written there. Only the import changed: `defineRoute` comes from @wsbridge/core.
import { defineRoute } from '@wsbridge/core'

export const routes = {
  echo: defineRoute({
    kind: 'ws',
    handler: {
      onMessage: async (message, connection) => {
        // Echo the message back
        connection.send({ echo: message })
      },
    },
  }),

  chat: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: async (connection) => {
        console.log(`Client ${connection.id} connected`)

        // Send welcome message
        connection.send({
          type: 'system',
          message: 'Welcome to the chat!',
        })
      },

      onMessage: async (message, connection) => {
        console.log(`Received from ${connection.id}:`, message)

        // The tutorial's "Closing Connections" section. Messages are untyped here (no schema),
        // so TypeScript asks for a check before reading `command`.
        if (typeof message === 'object' && message !== null && 'command' in message && message.command === 'quit') {
          connection.close(1000, 'User requested disconnect')
          return
        }

        // Echo back with timestamp
        connection.send({
          type: 'echo',
          message: message,
          timestamp: new Date().toISOString(),
        })
      },

      onClose: async (connection, code, reason) => {
        console.log(`Client ${connection.id} disconnected: ${code} ${reason}`)
      },

      onError: async (connection, error) => {
        console.error(`Error for ${connection.id}:`, error)
      },
    },
  }),
}
