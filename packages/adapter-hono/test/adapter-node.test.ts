import { expectOversizedFrameRejected, smokeRoutes } from '@wsbridge/conformance'
import { describe, test } from 'vitest'
import { describeSmoke } from './smoke.js'
import { honoNodeServerHost, honoNodeWsHost } from './hosts.js'

describeSmoke(honoNodeWsHost)
describeSmoke(honoNodeServerHost)

describe.each([honoNodeWsHost, honoNodeServerHost])('transport errors on $name', (host) => {
  test("ws's own 1009 for an oversized frame reaches the bridge's onError as PAYLOAD_TOO_LARGE", async () => {
    const errors: string[] = []
    const running = await host.listen(
      smokeRoutes,
      { prefix: '/api', maxPayloadLength: 1024, onError: (error) => void errors.push(error.code) },
      0,
    )
    try {
      await expectOversizedFrameRejected(`ws://127.0.0.1:${running.port}/api/echo`, errors)
    } finally {
      await running.stop()
    }
  })
})
