import type { RouteLimits } from './limits.js'
import type { ResumeOptions } from './resume.js'
import type { InvalidMessagePolicy } from './route.js'
import type { AuthFailureMode } from './security/auth-outcome.js'
import type { RouteFormat } from './text-route.js'

/**
 * Route-level options of `createRoute(path).options({...})`: every option of `defineRoute` that is not
 * a schema, a hook or a handler (those have their own builder methods).
 */
export interface BuilderOptions {
  /** What an invalid or unknown message gets: an error frame (default), a close, or nothing. */
  readonly onInvalid?: InvalidMessagePolicy
  /** Checks outgoing messages against the output schema; on by default outside production. */
  readonly validateOutput?: boolean
  /** This route's limits (payload size, rate, heartbeat, backpressure); they win over the bridge's. */
  readonly limits?: RouteLimits
  /** What a failed auth does: `'reject'` (HTTP 401/403, default) or `'close'` (accept, then close 4401/4403). */
  readonly authFailure?: AuthFailureMode
  /** Resume after reconnect for the topics this route's connections subscribe to (JSON routes only). */
  readonly resume?: ResumeOptions | boolean
  /** `'text'` makes a raw text route: its handler (`.onMessage`) and `send` take strings. */
  readonly format?: RouteFormat
}
