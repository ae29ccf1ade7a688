import { urlHost } from '@wsbridge/app-kit/serve'
import {
  describeStartupFailure as describeAppFailure,
  failStartup as failAppStartup,
  listenOrFail as listenAppOrFail,
} from '@wsbridge/app-kit/startup-failure'
import type { ChatConfig } from './config.js'

// The samples' shared one-line startup failures (@wsbridge/app-kit/startup-failure), prefixed [chat].
type Address = Pick<ChatConfig, 'port' | 'hostname'>

export { urlHost }

/** Prints the failure as one `[chat]` line and exits 1. */
export function failStartup(error: unknown, config?: Address): never {
  failAppStartup('chat', error, config)
}

/** The one line `failStartup` prints. */
export const describeStartupFailure = (error: unknown, config?: Address): string => describeAppFailure('chat', error, config)

/** Starts a server whose failure to listen throws (Bun.serve, Deno.serve), failing as one line. */
export const listenOrFail = <T>(start: () => T, config: Address): T => listenAppOrFail('chat', start, config)
