import type { WsError } from '@wsbridge/core'
import { describe, expect, test } from 'vitest'
import { describeSmoke } from './smoke.js'
import { honoNodeServerHost, honoNodeWsHost } from './hosts.js'
import { routes } from './routes.js'
import { openSocket } from './socket.js'

describeSmoke(honoNodeWsHost)
describeSmoke(honoNodeServerHost)

describe.each([honoNodeWsHost, honoNodeServerHost])('transport errors on $name', (host) => {
  test("ws's own 1009 for an oversized frame reaches the bridge's onError as PAYLOAD_TOO_LARGE", async () => {
    const errors: WsError[] = []
    const running = await host.start(routes, { prefix: '/api', maxPayloadLength: 1024, onError: (error) => void errors.push(error) })
    try {
      const socket = await openSocket(`${running.wsUrl}/api/echo`)
      await socket.next()
      socket.ws.send(new Uint8Array(4096))
      expect((await socket.closed).code).toBe(1009)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(errors.map((error) => error.code)).toEqual(['PAYLOAD_TOO_LARGE'])
    } finally {
      await running.close()
    }
  })
})
