import type { WsError } from './errors.js'
import type { AnySchema, OutputOf } from './schema.js'

/** One entry of a route's typed `messages` map: the schema for `{ type, ... }` and its handler. */
export interface MessageDefinition<S extends AnySchema, TConn> {
  readonly schema: S
  readonly handler: (data: OutputOf<S>, connection: TConn) => unknown
}

export type MessageDefinitions<M extends Record<string, AnySchema>, TConn> = {
  readonly [K in keyof M]: MessageDefinition<M[K], TConn>
}

export interface LifecycleHandlers<TConn> {
  onOpen?: (connection: TConn) => unknown
  onClose?: (connection: TConn, code: number, reason: string) => unknown
  /** Receives validation failures, handler exceptions and transport errors for this connection. */
  onError?: (connection: TConn, error: WsError) => unknown
  /** Binary frames. Without it, a binary frame closes the connection with 1003 (unsupported data). */
  onBinary?: (data: Uint8Array, connection: TConn) => unknown
  /** The client caught up after backpressure (the runtime's buffer dropped below `backpressureLimit`). */
  onDrain?: (connection: TConn) => unknown
}
