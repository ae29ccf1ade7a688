import type { HandshakeSettings } from '../config.js'
import { openClient, type Target } from '../load/pool.js'
import { measureWindow } from '../load/proc.js'
import type { ScenarioResult } from './types.js'

/** Handshakes per second: `concurrency` loops of open → close → open again on the echo route. */
export async function runHandshake(target: Target, serverPid: number, settings: HandshakeSettings): Promise<ScenarioResult> {
  let counting = false
  let running = true
  let ops = 0
  let errors = 0
  const loop = async (): Promise<void> => {
    while (running) {
      try {
        const { client, closed } = await openClient(target, '/echo', () => undefined)
        if (counting) ops++
        client.close()
        await closed
      } catch {
        errors++
      }
    }
  }
  const loops = Array.from({ length: settings.concurrency }, loop)
  const window = await measureWindow(serverPid, settings, (on) => void (counting = on))
  running = false
  await Promise.all(loops)
  return { scenario: 'handshake', ...window, ops, errors }
}
