import { fileURLToPath } from 'node:url'
import { startHostProcess, type HostProcess } from '@wsbridge/app-kit/host-process'
import { hostCommand, type GameHost } from '../../src/server/hosts.js'

export { gameHosts, type GameHost } from '../../src/server/hosts.js'

export type GameProcess = HostProcess

/** Starts `host` on a free port, exactly as `npm run start:<host>` does, once it printed its listening line. */
export function startGameProcess(host: GameHost, env: Record<string, string> = {}): Promise<GameProcess> {
  return startHostProcess(hostCommand(host), { name: `game on ${host}`, cwd: fileURLToPath(new URL('../../', import.meta.url)), env })
}
