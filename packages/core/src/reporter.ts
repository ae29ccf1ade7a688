import type { BridgeOptions } from './bridge-types.js'
import type { Connection } from './connection-types.js'
import { WsError } from './errors.js'
import { isProduction } from './environment.js'
import { BridgeLog } from './logging/bridge-log.js'
import type { LogClock } from './logging/log-budget.js'
import { consoleLogger } from './logging/logger.js'
import { RefusalHints } from './logging/refusal-hints.js'
import type { WsRefusal } from './refusal.js'
import type { BridgeInstrumentation } from './instrumentation.js'
import { guardInstrumentation } from './instrumentation-guard.js'
import type { Routes } from './route.js'
import { normalizePrefix } from './router.js'

/** Lines a second the logger writes by default (`logLimit`). */
export const DEFAULT_LOG_LIMIT = 20

/** Where every error and refusal of a bridge goes: the hooks first, then the bounded log. */
export interface Reporter {
  /** An error, on a connection or not: the route's onError, the bridge's onError, the log. */
  error(error: WsError, connection: Connection | undefined): void
  /** A refused upgrade: onRefused, onError too when a hook threw, the log. Once per refusal. */
  refused(refusal: WsRefusal): void
  /** A connection is gone: the log writes what it only counted for it. */
  released(connection: Connection): void
  /** The bridge's instrumentation, its hooks' throws logged (instrumentation-guard.ts). */
  readonly instrumentation: BridgeInstrumentation | undefined
}

type ReporterOptions = Pick<BridgeOptions, 'onError' | 'onRefused' | 'logger' | 'logLimit' | 'prefix' | 'instrumentation'>

export function createReporter(routes: Routes, options: ReporterOptions, clock?: LogClock): Reporter {
  const { onError, onRefused } = options
  const log = new BridgeLog(
    options.logger === false ? undefined : (options.logger ?? consoleLogger),
    options.logLimit ?? DEFAULT_LOG_LIMIT,
    clock,
    isProduction() ? undefined : new RefusalHints(routePatterns(routes, options.prefix)),
  )
  const instrumentation = guardInstrumentation(options.instrumentation, (hook, error) =>
    log.failure(`instrumentation ${hook} hook threw`, error),
  )

  /** The bridge's own hook; one that throws is logged, never rethrown into a connection. */
  function bridgeHook(error: WsError, connection: Connection | undefined): void {
    try {
      onError?.(error, connection)
    } catch (hookError) {
      log.failure('onError hook threw', hookError)
    }
  }

  function logError(error: WsError, connection: Connection | undefined): void {
    if (connection) log.connectionError(error, connection)
    else log.unattached(error)
  }

  function error(error: WsError, connection: Connection | undefined): void {
    const routeHook = connection ? routes[connection.route]?.handler?.onError : undefined
    if (routeHook && connection) {
      // What the route's own hook throws or rejects is reported to the bridge's hook and the log.
      const failed = (thrown: unknown): void => {
        const hookError = WsError.from(thrown)
        bridgeHook(hookError, connection)
        logError(hookError, connection)
      }
      try {
        void Promise.resolve(routeHook(connection, error)).catch(failed)
      } catch (thrown) {
        failed(thrown)
      }
    }
    bridgeHook(error, connection)
    instrumentation?.error?.(error, connection)
    logError(error, connection)
  }

  function refused(refusal: WsRefusal): void {
    try {
      onRefused?.(refusal)
    } catch (hookError) {
      log.failure('onRefused hook threw', hookError)
    }
    instrumentation?.refused?.(refusal)
    if (refusal.blame === 'server') bridgeHook(refusal.error, undefined)
    log.refused(refusal)
  }

  return { error, refused, released: (connection) => log.released(connection), instrumentation }
}

/** Every route's full path pattern, as the router matches it (prefix + `path`, or `/<key>`). */
function routePatterns(routes: Routes, prefix: string | undefined): string[] {
  const base = normalizePrefix(prefix)
  return Object.entries(routes).map(([name, route]) => base + (route.path ?? `/${name}`))
}
