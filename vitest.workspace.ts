import { defineConfig } from 'vitest/config'

// The one list of vitest projects. vitest 4 no longer reads a workspace file by itself, so this
// file is also a config: `vitest run --config vitest.workspace.ts` runs every project from the root.
// Each package keeps its own vitest.config.ts (defineProject) so `vitest run` works inside it too.
// adapter-bun's own tests and the Bun half of adapter-hono's run under `bun test`; their conformance
// runs are vitest's (the suite drives a Bun process over the wire).
export const projects = [
  'packages/core',
  'packages/conformance',
  'packages/adapter-node-ws',
  'packages/adapter-express',
  'packages/adapter-hono',
  'packages/adapter-bun',
  'packages/adapter-deno',
  'packages/adapter-cloudflare',
  'packages/pubsub-redis',
  'packages/history-redis',
  'packages/pubsub-nats',
  'packages/otel',
  'packages/inspector',
  'packages/cli',
  'apps/chat',
  'apps/echo',
  'apps/game',
  'apps/docs-check',
  'apps/bench',
]

export default defineConfig({ test: { projects } })
