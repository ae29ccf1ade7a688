import { expectOversizedFrameRejected, smokeRoutes } from '@wsbridge/conformance'
import { describe, expect, test } from 'vitest'
import { describeSmoke } from './smoke.js'
import { honoNodeServerHost, honoNodeWsHost } from './hosts.js'

describeSmoke(honoNodeWsHost)
describeSmoke(honoNodeServerHost)

describe.each([honoNodeWsHost, honoNodeServerHost])('transport errors on $name', (host) => {
  test("ws's own 1009 for an oversized frame reaches the bridge's onError as PAYLOAD_TOO_LARGE", async () => {
    const errors: string[] = []
    const logged: string[] = []
    const logger = { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) }
    const running = await host.listen(
      smokeRoutes,
      { prefix: '/api', maxPayloadLength: 1024, onError: (error) => void errors.push(error.code), logger },
      0,
    )
    try {
      await expectOversizedFrameRejected(`ws://127.0.0.1:${running.port}/api/echo`, errors)
      expect(logged).toEqual([expect.stringMatching(/^\[wsbridge\] PAYLOAD_TOO_LARGE route=echo .*: Message is too large$/)])
    } finally {
      await running.stop()
    }
  })
})
