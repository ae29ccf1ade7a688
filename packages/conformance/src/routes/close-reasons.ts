import { defineRoute, WsError } from '@wsbridge/core'

/**
 * Routes whose close reasons come from user strings of any script and length: a runtime throws on
 * a reason over 123 UTF-8 bytes (ws: RangeError), so core must trim every such reason first.
 */
export const closeReasonsRoutes = {
  /** Rejects every message with `new WsError('VALIDATION_FAILED', message.reason)`; the policy closes (1007). */
  closeReasonPolicy: defineRoute({
    kind: 'ws',
    onInvalid: 'close',
    handler: {
      onMessage: (message) => {
        throw new WsError('VALIDATION_FAILED', String((message as { reason?: unknown }).reason))
      },
    },
  }),
  /** Refuses an upgrade with a `reason` query parameter in close mode, with that reason (4401). */
  closeReasonAuth: defineRoute({
    kind: 'ws',
    authFailure: 'close',
    auth: ({ query }) => (query['reason'] === undefined ? { id: 'anyone' } : { success: false, code: 4401, reason: query['reason'] }),
    handler: { onMessage: () => undefined },
  }),
}
