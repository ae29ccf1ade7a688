/**
 * The parts of Deno's API the adapter touches, duck-typed: nothing here depends on Deno's lib types,
 * so the package typechecks under Node's tsc and imports on any runtime. Shapes from
 * https://docs.deno.com/api/deno/~/Deno.upgradeWebSocket and ~/Deno.ServeHandlerInfo.
 */

/** `Deno.ServeHandlerInfo`: what `Deno.serve` passes a handler next to the request. */
export interface DenoServeInfo {
  /** The peer's address; `hostname` for TCP, `path` for a Unix socket. Readable only before the upgrade completes. */
  readonly remoteAddr: {
    /** The peer's IP address (TCP). */
    readonly hostname?: string
    /** The peer's port (TCP). */
    readonly port?: number
    /** The socket's path (Unix socket). */
    readonly path?: string
    /** `'tcp'`, `'unix'`, … */
    readonly transport?: string
  }
}

/** Deno's server-side `WebSocket` (the web API) as the adapter uses it. */
export interface DenoSocket {
  /** Set to `'arraybuffer'` by the adapter, so binary frames arrive as ArrayBuffer. */
  binaryType: string
  /** Bytes queued by `send` and not yet written: what backpressure is measured on. */
  readonly bufferedAmount: number
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number
  /** Sends a text (string) or binary frame. */
  send(data: string | ArrayBufferView): void
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void
  /** The socket events the adapter listens to: open, message, close and error, as in the browser's WebSocket. */
  addEventListener(
    type: 'open',
    listener: () => void,
    options?: {
      /** Drop the listener after its first call (Deno opens a socket once). */
      readonly once?: boolean
    },
  ): void
  /** Each frame: a string for text, an ArrayBuffer for binary. */
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void
  /** The close, with the peer's code and reason. */
  addEventListener(
    type: 'close',
    listener: (event: { readonly code: number; readonly reason: string; readonly wasClean: boolean }) => void,
  ): void
  /** A transport error; a close follows. */
  addEventListener(type: 'error', listener: (event: { readonly message?: string }) => void): void
}

/** `Deno.upgradeWebSocket`'s options (`idleTimeout` in seconds, 0 turns Deno's pings off). */
export interface DenoUpgradeOptions {
  readonly protocol?: string
  readonly idleTimeout?: number
}

/** `Deno.upgradeWebSocket`. */
export type DenoUpgradeWebSocket = (
  request: Request,
  options?: DenoUpgradeOptions,
) => { readonly socket: DenoSocket; readonly response: Response }

interface DenoGlobal {
  readonly Deno?: { readonly upgradeWebSocket?: DenoUpgradeWebSocket }
}

/** `Deno.upgradeWebSocket`, read when a request arrives, never as the module loads (it must import anywhere). */
export function denoUpgradeWebSocket(): DenoUpgradeWebSocket {
  const upgrade = (globalThis as DenoGlobal).Deno?.upgradeWebSocket
  if (!upgrade) throw new TypeError('[@wsbridge/adapter-deno] Deno.upgradeWebSocket is not available: run under Deno')
  return upgrade
}

/** Whether `raw` is a server WebSocket of Deno's (what hono/deno hands over as `ws.raw`): only under Deno. */
export function isDenoSocket(raw: unknown): raw is DenoSocket {
  return (
    typeof (globalThis as DenoGlobal).Deno?.upgradeWebSocket === 'function' && typeof WebSocket === 'function' && raw instanceof WebSocket
  )
}
