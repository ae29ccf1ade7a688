import { defineRoute } from '@wsbridge/core'

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export const messagingRoutes = {
  welcome: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.send({ type: 'welcome', id: connection.id }),
      onMessage: (message, connection) => connection.send({ echo: message }),
    },
  }),
  /** Each message waits `wait` ms before its reply: replies must still come back in send order. */
  ordered: defineRoute({
    kind: 'ws',
    handler: {
      onMessage: async (message, connection) => {
        const { seq, wait } = message as { seq: number; wait: number }
        await delay(wait)
        connection.send({ seq })
      },
    },
  }),
  /** An async onOpen: messages that arrive meanwhile must wait for it, not overtake it. */
  slowOpen: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: async (connection) => {
        await delay(50)
        connection.send({ type: 'ready' })
      },
      onMessage: (message, connection) => connection.send({ echo: message }),
    },
  }),
}
