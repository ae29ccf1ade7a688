import { fileURLToPath } from 'node:url'

/**
 * The Bun executable installed by the `bun` npm package, so nothing needs installing globally.
 * Not node_modules/.bin/bun: that is a shell wrapper which does not pass signals on to Bun, so
 * SIGTERM would stop the wrapper and leave the server running.
 */
export const bunBinary: string = fileURLToPath(new URL('../../node_modules/bun/bin/bun.exe', import.meta.url))

/** Every entry point, and the runtime it needs. */
export const chatHosts = {
  express: 'node',
  'node-ws': 'node',
  'hono-node': 'node',
  'hono-bun': 'bun',
  bun: 'bun',
} as const

export type ChatHost = keyof typeof chatHosts

export function isChatHost(name: string): name is ChatHost {
  return Object.hasOwn(chatHosts, name)
}

/** The file that starts `host`, relative to the chat app's folder. */
export const entryFile = (host: ChatHost): string => fileURLToPath(new URL(`../${host}.ts`, import.meta.url))
