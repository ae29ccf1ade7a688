import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const binary = (path: string): string => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url))

/**
 * The Bun executable installed by the `bun` npm package, so nothing needs installing globally.
 * Not node_modules/.bin/bun: that is a shell wrapper which does not pass signals on to Bun, so
 * SIGTERM would stop the wrapper and leave the server running.
 */
export const bunBinary: string = binary('bun/bin/bun.exe')

/**
 * The Deno executable from the `deno` npm package (its install script copies the native binary in;
 * without it, `.bin/deno` is a Node shim that finds the binary itself).
 */
export const denoBinary: string = existsSync(binary('deno/deno')) ? binary('deno/deno') : binary('.bin/deno')

/**
 * Every entry point, and the runtime its file runs on. workerd's file runs on Node: it bundles the
 * Worker and starts workerd through Miniflare.
 */
export const chatHosts = {
  express: 'node',
  'node-ws': 'node',
  'hono-node': 'node',
  'hono-bun': 'bun',
  bun: 'bun',
  deno: 'deno',
  workerd: 'node',
} as const

export type ChatHost = keyof typeof chatHosts

export function isChatHost(name: string): name is ChatHost {
  return Object.hasOwn(chatHosts, name)
}

/** The file that starts `host`, relative to the chat app's folder. */
export const entryFile = (host: ChatHost): string => fileURLToPath(new URL(`../${host}.ts`, import.meta.url))

/** The command that runs `host`'s entry file as its own process: `[executable, ...arguments]`. */
export function hostCommand(host: ChatHost, node: readonly string[] = [process.execPath, '--import', 'tsx']): string[] {
  const runtime = chatHosts[host]
  if (runtime === 'bun') return [bunBinary, entryFile(host)]
  // apps/chat/deno.jsonc resolves the workspace packages, whatever the working directory.
  if (runtime === 'deno')
    return [denoBinary, 'run', '-A', `--config=${fileURLToPath(new URL('../../deno.jsonc', import.meta.url))}`, entryFile(host)]
  return [...node, entryFile(host)]
}
