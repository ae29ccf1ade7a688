import type { RouteLimits } from './limits.js'
import type { ResumeOptions } from './resume.js'
import type { AuthFailureMode } from './security/auth-outcome.js'
import type { AuthResult, ContextHook, UpgradeContext, UserOf } from './upgrade.js'

/** What a route does with a message that is not valid JSON, fails validation or has an unknown type. */
export type InvalidMessagePolicy = 'error' | 'close' | 'drop'

/**
 * Options shared by both route forms. `A` is whatever the `auth` hook returns; `connection.user`
 * is `UserOf<A>` (awaited, refusals removed), so users never annotate the user type.
 */
export interface RouteOptions<P extends string, I, O, A extends AuthResult, C> {
  /** Marks a WebSocket route (the only kind today), so route tables can grow other kinds. */
  readonly kind: 'ws'
  /** `'json'` (the default): text frames are JSON values. `'text'` is a raw text route (see TextRoute in text-route.ts). */
  readonly format?: 'json'
  /** Path below the bridge prefix. Defaults to `/<route key>`. Supports `:param` and `:param?`. */
  readonly path?: P
  /** Schema every incoming JSON message must satisfy (when the route has no `messages` map). */
  readonly input?: I
  /** Schema for what the server sends. `send` and `publish` accept only its input type. */
  readonly output?: O
  /** Verifies the upgrade request; its result becomes `connection.user`. */
  readonly auth?: (request: UpgradeContext<P>) => A
  /** What a failed auth does: `'reject'` HTTP 401/403 before upgrade (default), or `'close'` accept then close 4401/4403 with a reason. */
  readonly authFailure?: AuthFailureMode
  /** Builds `connection.context` at upgrade, after auth. */
  readonly context?: ContextHook<P, UserOf<A>, C>
  /** What to do with invalid or unknown messages. Default `'error'` (error frame, stay open). */
  readonly onInvalid?: InvalidMessagePolicy
  /** Checks outgoing messages against `output`. Default: on unless NODE_ENV is `production`. */
  readonly validateOutput?: boolean
  /** This route's limits (payload size, rate, heartbeat, backpressure); they win over the bridge's. */
  readonly limits?: RouteLimits
  /**
   * Resume after reconnect: topics this route's connections subscribe to are stamped with sequence
   * ids and buffered, and a reconnecting `@wsbridge/core/client` receives what it missed. See resume.ts.
   */
  readonly resume?: ResumeOptions | boolean
}
