import type { WireClient } from './client.js'

// The data types of the conformance client (client.ts): its frames, close and options.

/** One frame a `WireClient` received, as it crossed the wire. */
export type WireFrame =
  | {
      /** A text frame. */
      readonly kind: 'text'
      /** Its text, decoded as UTF-8. */
      readonly text: string
    }
  | {
      /** A binary frame. */
      readonly kind: 'binary'
      /** Its bytes. */
      readonly bytes: Uint8Array
    }

/** The close code and reason a `WireClient` saw when its socket closed. */
export interface WireCloseInfo {
  /** The close code (1006 when the connection dropped without a close frame). */
  readonly code: number
  /** The close reason ('' when none). */
  readonly reason: string
}

/**
 * Options of `openClient`: handshake headers and subprotocols, a hook that runs on open, and the handshake timeout.
 */
export interface WireClientOptions {
  /** Extra handshake headers (`Origin`, `Authorization`, cookies …). */
  readonly headers?: Readonly<Record<string, string>>
  /** Subprotocols offered in `Sec-WebSocket-Protocol`, in order of preference. */
  readonly protocols?: string | readonly string[]
  /** Runs inside the socket's open callback, before `openClient` resolves ("send on open" cases). */
  readonly onOpen?: (client: WireClient) => void
  /** Milliseconds to wait for the handshake. Default 3000. */
  readonly timeout?: number
}

/** Parsed form of a frame: JSON for text frames (the raw text if it is not JSON), bytes for binary. */
export function frameValue(frame: WireFrame): unknown {
  if (frame.kind === 'binary') return frame.bytes
  try {
    return JSON.parse(frame.text)
  } catch {
    return frame.text
  }
}
