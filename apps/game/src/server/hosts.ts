import { runtimeCommand } from '@wsbridge/app-kit/runtimes'

/**
 * Every host the game runs on, the runtime its entry file runs on, and that file. workerd's file
 * runs on Node: it bundles the Worker (server/worker.ts) and starts workerd through Miniflare.
 */
export const gameHosts = {
  express: ['node', 'src/express.ts'],
  'node-ws': ['node', 'src/server.ts'],
  'hono-node': ['node', 'src/hono-node.ts'],
  'hono-bun': ['bun', 'src/hono-bun.ts'],
  bun: ['bun', 'src/bun.ts'],
  deno: ['deno', 'src/deno.ts'],
  workerd: ['node', 'src/workerd.ts'],
} as const

export type GameHost = keyof typeof gameHosts

/** The command that runs `host` as its own process, as `npm run start:<host>` does. */
export function hostCommand(host: GameHost): string[] {
  const [runtime, entry] = gameHosts[host]
  return runtimeCommand(new URL('../../', import.meta.url), runtime, entry)
}
