import type { WsError } from './errors.js'
import type { AnySchema, OutputOf } from './schema.js'

/** One entry of a route's typed `messages` map: the schema for `{ type, ... }` and its handler. */
export interface MessageDefinition<S extends AnySchema, TConn> {
  /** Schema the message (with its `type`) must satisfy before the handler runs. */
  readonly schema: S
  /** Runs with the validated message and its connection. */
  readonly handler: (data: OutputOf<S>, connection: TConn) => unknown
}

/** A route's `messages` map as handlers see it: one schema and handler per message `type`. */
export type MessageDefinitions<M extends Record<string, AnySchema>, TConn> = {
  readonly [K in keyof M]: MessageDefinition<M[K], TConn>
}

/**
 * The hooks every route form accepts besides its message handlers: open, close, error, binary frames
 * and drain after backpressure. `TConn` is the route's typed connection.
 */
export interface LifecycleHandlers<TConn> {
  /** Runs once the connection is open, before any message is handled (send a greeting, join rooms). */
  onOpen?: (connection: TConn) => unknown
  /** Runs once when the connection has closed, with the close code and reason (1006 when the socket dropped). */
  onClose?: (connection: TConn, code: number, reason: string) => unknown
  /** Receives validation failures, handler exceptions and transport errors for this connection. */
  onError?: (connection: TConn, error: WsError) => unknown
  /** Binary frames. Without it, a binary frame closes the connection with 1003 (unsupported data). */
  onBinary?: (data: Uint8Array, connection: TConn) => unknown
  /** The client caught up after backpressure (the runtime's buffer dropped below `backpressureLimit`). */
  onDrain?: (connection: TConn) => unknown
}
