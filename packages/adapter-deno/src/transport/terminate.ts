import type { DenoSocket } from './deno-types.js'

/**
 * Deno's WebSocket has no `terminate()`: `close()` sends a close frame and then waits for the
 * peer's, so a peer that never answers (gone, or not reading) would keep the socket, its buffers
 * and its TCP connection for as long as TCP takes to notice, and Deno's `close` event would never
 * fire. Core drops such a connection itself (heartbeat, close timeout, shutdown stragglers) and
 * then calls `terminate`, which must free the socket. The only way Deno offers is private: closing
 * the socket's resource (`[[rid]]`) with `Deno[Deno.internal].core.tryClose`, which is what Deno's
 * own WebSocket does once a close completes. This module is the one place that touches it; a test
 * pins it on the Deno version the package is tested with. Without it, `terminate` falls back to a
 * close frame (1001), which frees the socket as soon as the peer answers or TCP fails.
 */

interface DenoInternals {
  readonly Deno?: { readonly internal?: symbol; readonly [key: symbol]: { readonly core?: { tryClose?(rid: number): void } } | undefined }
}

function resourceCloser(): ((rid: number) => void) | undefined {
  const deno = (globalThis as DenoInternals).Deno
  const key = deno?.internal
  const core = key === undefined ? undefined : deno?.[key]?.core
  return typeof core?.tryClose === 'function' ? (rid) => core.tryClose!(rid) : undefined
}

function resourceId(socket: DenoSocket): number | undefined {
  const key = Object.getOwnPropertySymbols(socket).find((symbol) => symbol.description === '[[rid]]')
  const rid = key === undefined ? undefined : (socket as unknown as Record<symbol, unknown>)[key]
  return typeof rid === 'number' ? rid : undefined
}

/** Drops the socket without a closing handshake (the peer sees the TCP connection end); Deno then reports `close`. */
export function terminateDenoSocket(socket: DenoSocket): void {
  const close = resourceCloser()
  const rid = resourceId(socket)
  if (close !== undefined && rid !== undefined) close(rid)
  else socket.close(1001, 'Terminated')
}
