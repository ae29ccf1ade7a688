import { WsError } from '@wsbridge/core'

/**
 * The error behind Deno's `error` event, in core's words. Deno reports a connection that ended
 * without a close frame as an error too (EOF, reset); that is only a close (1006), as on every host,
 * so it is not reported.
 */
export function denoSocketError(message: string | undefined): WsError | undefined {
  if (message === undefined) return undefined
  return new WsError('INTERNAL', message, { cause: message, expose: false })
}
