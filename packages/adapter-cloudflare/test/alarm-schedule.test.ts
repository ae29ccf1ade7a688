import { createBridge, defineRoute } from '@wsbridge/core'
import type { Transport } from '@wsbridge/core/adapter'
import { describe, expect, it } from 'vitest'
import { alarmSchedule } from '../src/alarm-schedule.js'
import type { DurableObjectStateLike } from '../src/index.js'

const routes = { idle: defineRoute({ kind: 'ws', limits: { idleTimeout: 0.3, heartbeat: false }, handler: { onMessage() {} } }) }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function stateWith(setAlarm: (at: number | Date) => Promise<void>): DurableObjectStateLike {
  return { acceptWebSocket() {}, getWebSockets: () => [], setWebSocketAutoResponse() {}, storage: { setAlarm } }
}

async function openIdle(bridge: ReturnType<typeof createBridge<typeof routes>>): Promise<[number, string][]> {
  const closes: [number, string][] = []
  const transport: Transport = {
    send() {},
    close: (code, reason) => void closes.push([code, reason]),
    terminate() {},
    bufferedAmount: 0,
    raw: closes,
  }
  const match = bridge.match('http://h/idle')!
  const decision = await bridge.authorize({ url: match.url.href, headers: {} }, match)
  if (!decision.ok) throw new Error(decision.message)
  bridge.open(decision, transport)
  return closes
}

describe('the object alarm as the sweep timer', () => {
  it('sets the alarm for the earliest deadline only, and keeps an earlier one', async () => {
    const alarms: number[] = []
    const bridge = createBridge(routes, { logger: false })
    const schedule = alarmSchedule(
      bridge,
      stateWith(async (at) => void alarms.push(Number(at))),
    )
    const before = Date.now()
    await openIdle(bridge)
    schedule.update()
    expect(alarms).toHaveLength(1)
    expect(alarms[0]! - before).toBeGreaterThanOrEqual(250)
    expect(alarms[0]! - before).toBeLessThanOrEqual(350)
    // A later deadline leaves the pending alarm as it is; it sweeps and sets the next one.
    await sleep(50)
    await openIdle(bridge)
    schedule.update()
    expect(alarms).toHaveLength(1)
  })

  it('falls back to a timer when workerd refuses the alarm (an object without alarm())', async () => {
    const bridge = createBridge(routes, { logger: false })
    const schedule = alarmSchedule(
      bridge,
      stateWith(() => Promise.reject(new Error('Your Durable Object class must have an alarm() handler'))),
    )
    const closes = await openIdle(bridge)
    schedule.update()
    await sleep(500)
    expect(closes).toEqual([[1001, 'Idle timeout']])
  })
})
