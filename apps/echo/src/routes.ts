// The seed tutorial's two routes ("Your First WebSocket Route" and "Complete Example: Chat Echo"),
// as written there. Only the import changed: `defineRoute` comes from @wsbridge/core.
import { defineRoute } from '@wsbridge/core'

/**
 * The tutorial's `{ command: 'quit' }`, and `{ text: '/quit' }` (what a chat box sends when someone
 * types /quit). Messages are untyped here (no schema), so TypeScript asks for these checks.
 */
function isQuit(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false
  return ('command' in message && message.command === 'quit') || ('text' in message && message.text === '/quit')
}

/** The close code and reason of `/quit`: 1000, a normal close the client asked for. */
export const QUIT = { code: 1000, reason: 'User requested disconnect' } as const

export const routes = {
  echo: defineRoute({
    kind: 'ws',
    handler: {
      onMessage: async (message, connection) => {
        // Echo the message back
        connection.send({ echo: message })
      },
      // Not in the tutorial: binary frames come back byte for byte. (The chat route has no
      // onBinary, so a binary frame there closes the socket with 1003, as the page shows.)
      onBinary: (data, connection) => {
        connection.send(data)
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

        // The tutorial's "Closing Connections" section.
        if (isQuit(message)) {
          connection.close(QUIT.code, QUIT.reason)
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
