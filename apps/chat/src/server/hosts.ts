import { fileURLToPath } from 'node:url'
import { hostCommand as sampleHostCommand, sampleHosts, type SampleHost } from '@wsbridge/app-kit/runtimes'

const appDir = new URL('../../', import.meta.url)

/**
 * Every entry point, and the runtime its file runs on (src/<host>.ts). workerd's file runs on Node:
 * it bundles the Worker and starts workerd through Miniflare.
 */
export const chatHosts = sampleHosts

export type ChatHost = SampleHost

export function isChatHost(name: string): name is ChatHost {
  return Object.hasOwn(chatHosts, name)
}

/** The file that starts `host`, relative to the chat app's folder. */
export const entryFile = (host: ChatHost): string => fileURLToPath(new URL(`src/${host}.ts`, appDir))

/** The command that runs `host`'s entry file as its own process: `[executable, ...arguments]`. */
export const hostCommand = (host: ChatHost, node?: readonly string[]): string[] => sampleHostCommand(appDir, host, {}, node)
