import { defineRoute } from '@wsbridge/core'

/** The deploy-storm route: a connection that only stays open, so the run measures handshakes, not messages. */
export const stormRoutes = {
  hold: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
}

/** What an instance process tells the orchestrator over IPC. */
export type InstanceReport =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'stats'; readonly opens: number; readonly errors: number; readonly refusals: number; readonly errorCodes: string[] }

/** What the orchestrator asks an instance: its counters, or a graceful shutdown (stats, then exit). */
export type InstanceCommand = { readonly type: 'stats' } | { readonly type: 'shutdown' }
