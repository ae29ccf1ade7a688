import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { type GameServer, startGameServer } from '../../src/app.js'

/** The game on node-ws in this process, with a fast clock, for the file's tests; `baseUrl` is the client's. */
export function useGameServer(): { readonly server: GameServer; readonly baseUrl: string } {
  const running = {} as { server: GameServer; baseUrl: string }
  beforeAll(async () => {
    running.server = await startGameServer(0, '127.0.0.1', { tickMs: 40 })
    running.baseUrl = `ws://127.0.0.1:${(running.server.http.address() as AddressInfo).port}/api`
  })
  afterAll(() => running.server.close())
  return running
}
