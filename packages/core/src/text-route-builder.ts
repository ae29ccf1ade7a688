import type { WsError } from './errors.js'
import type { RouteConnection, WsRoute } from './route.js'
import type { BuilderOptions } from './route-builder-options.js'
import type { TextFrames } from './text-route.js'
import type { AuthResult, ContextHook, UpgradeContext, UserOf } from './upgrade.js'

type TextConnection<P extends string, U, C> = RouteConnection<P, TextFrames, U, C>

/**
 * The handler stage of a raw text route (`createRoute(path).options({ format: 'text' })`): `onMessage`
 * receives each text frame as a string and `send` takes strings. `H`: whether `onMessage` is set yet.
 */
export interface TextRouteHandlerStage<P extends string, U, C, H extends boolean> {
  /** Handles each text frame, unchanged (no JSON parsing or validation); required before `build()`. */
  onMessage(handler: (message: string, connection: TextConnection<P, U, C>) => unknown): TextRouteHandlerStage<P, U, C, true>
  /** Runs once the connection is open, before any message is handled. */
  onOpen(handler: (connection: TextConnection<P, U, C>) => unknown): TextRouteHandlerStage<P, U, C, H>
  /** Runs once when the connection has closed, with the close code and reason (1006 when the socket dropped). */
  onClose(handler: (connection: TextConnection<P, U, C>, code: number, reason: string) => unknown): TextRouteHandlerStage<P, U, C, H>
  /** Receives handler exceptions and transport errors for this connection. */
  onError(handler: (connection: TextConnection<P, U, C>, error: WsError) => unknown): TextRouteHandlerStage<P, U, C, H>
  /** Binary frames. Without it, a binary frame closes the connection with 1003 (unsupported data). */
  onBinary(handler: (data: Uint8Array, connection: TextConnection<P, U, C>) => unknown): TextRouteHandlerStage<P, U, C, H>
  /** The client caught up after backpressure (the runtime's buffer dropped below `backpressureLimit`). */
  onDrain(handler: (connection: TextConnection<P, U, C>) => unknown): TextRouteHandlerStage<P, U, C, H>
  /** The finished route: what `defineRoute({ kind: 'ws', format: 'text', path, handler })` returns. */
  build(...noHandler: H extends true ? [] : [error: 'add .onMessage(handler) before build()']): WsRoute<P, TextFrames, TextFrames, {}, U, C>
}

/** A text route's first stage: auth, context and options shape the connection, then handlers. */
export interface TextRouteBuilder<P extends string, U, C> extends TextRouteHandlerStage<P, U, C, false> {
  /** Verifies the upgrade; the result (refusals removed) types `connection.user`. */
  auth<A extends AuthResult>(hook: (request: UpgradeContext<P>) => A): TextRouteBuilder<P, UserOf<A>, C>
  /** Builds `connection.context` after auth. */
  context<C2>(hook: ContextHook<P, U, C2>): TextRouteBuilder<P, U, C2>
  /** The remaining route options; `resume` and `validateOutput` do not apply to raw text frames. */
  options(options: Omit<BuilderOptions, 'format' | 'resume' | 'validateOutput'>): TextRouteBuilder<P, U, C>
}
