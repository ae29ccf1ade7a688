import { fileURLToPath } from 'node:url'
import { startHostProcess, type HostProcess } from '@wsbridge/app-kit/host-process'
import { hostCommand, type ChatHost } from '../../src/server/hosts.js'

/** One chat entry point running as its own process, exactly as `npm run start:<host>` runs it. */
export type ChatProcess = HostProcess

export function startChatProcess(host: ChatHost, options: { port?: number; env?: Record<string, string> } = {}): Promise<ChatProcess> {
  return startHostProcess(hostCommand(host), {
    name: `chat on ${host}`,
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    env: { ...options.env, PORT: String(options.port ?? 0) },
  })
}
