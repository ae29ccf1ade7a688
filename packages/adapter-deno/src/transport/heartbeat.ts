import type { AcceptedUpgrade } from '@wsbridge/core/adapter'

/**
 * Deno's server WebSocket has no `ping()` and reports no pongs, so core cannot run the heartbeat
 * itself. Deno has one of its own (`idleTimeout` of `Deno.upgradeWebSocket`): after half of it with
 * no frame from the peer it sends a ping, and after the other half with still none it closes the
 * socket (1001 "No response from ping frame." to the peer) and frees it. Core's heartbeat pings
 * every `heartbeat` ms and drops a peer that sent nothing by the next ping, so twice the interval
 * gives the same deadline. Any frame counts as a sign of life in both.
 */
export function denoIdleTimeout(accepted: AcceptedUpgrade): number {
  const heartbeat = accepted.limits.heartbeat
  return heartbeat === false || !(heartbeat > 0) ? 0 : (2 * heartbeat) / 1000
}

/** The reason Deno closes with when its heartbeat found the peer dead. */
const DENO_HEARTBEAT_TIMEOUT = 'No response from ping frame.'

/**
 * Deno's close report in core's words: its heartbeat's close is core's (1006 `Heartbeat timeout`,
 * as on every host), and the code 0 Deno gives when the connection ended without a close frame
 * (a dropped peer, a transport error) is 1006.
 */
export function denoClose(code: number, reason: string, wasClean: boolean): readonly [code: number, reason: string] {
  if (!wasClean && code === 1001 && reason === DENO_HEARTBEAT_TIMEOUT) return [1006, 'Heartbeat timeout']
  if (code === 0) return [1006, '']
  return [code, reason]
}
