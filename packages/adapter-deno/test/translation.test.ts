import type { AcceptedUpgrade } from '@wsbridge/core/adapter'
import { describe, expect, it } from 'vitest'
import { denoClose, denoIdleTimeout } from '../src/transport/heartbeat.js'
import { overLimit } from '../src/transport/payload-limit.js'
import { denoSocketError } from '../src/transport/socket-error.js'

// What the adapter makes of Deno's reports, without Deno: the words every host uses for them.
describe("Deno's reports in core's words", () => {
  it('protocol violations become PROTOCOL_ERROR with the violation; a peer that went away is no error', () => {
    expect(denoSocketError('Reserved bits are not zero')).toMatchObject({
      code: 'PROTOCOL_ERROR',
      message: 'Reserved bits set without an extension',
    })
    expect(denoSocketError('Invalid UTF-8')).toMatchObject({
      code: 'PROTOCOL_ERROR',
      message: 'Invalid UTF-8 in a text frame or close reason',
    })
    expect(denoSocketError('Frame too large')).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(denoSocketError('Unexpected EOF')).toBeUndefined()
    expect(denoSocketError('IO error: Connection reset by peer (os error 104)')).toBeUndefined()
    expect(denoSocketError(undefined)).toBeUndefined()
  })

  it("Deno's heartbeat close is core's 1006 Heartbeat timeout; a close without a frame (code 0) is 1006", () => {
    expect(denoClose(1001, 'No response from ping frame.', false)).toEqual([1006, 'Heartbeat timeout'])
    // A peer may send those words itself: its clean close stays what it was.
    expect(denoClose(1001, 'No response from ping frame.', true)).toEqual([1001, 'No response from ping frame.'])
    expect(denoClose(0, '', false)).toEqual([1006, ''])
    expect(denoClose(4000, 'bye', true)).toEqual([4000, 'bye'])
  })

  it("the bridge's heartbeat interval is half of Deno's idleTimeout (seconds); off stays off", () => {
    const accepted = (heartbeat: number | false) => ({ limits: { heartbeat } }) as unknown as AcceptedUpgrade
    expect(denoIdleTimeout(accepted(250))).toBe(0.5)
    expect(denoIdleTimeout(accepted(30_000))).toBe(60)
    expect(denoIdleTimeout(accepted(false))).toBe(0)
    expect(denoIdleTimeout(accepted(0))).toBe(0)
  })

  it('measures text in UTF-8 bytes against the bridge-wide limit', () => {
    expect(overLimit('x'.repeat(10), 10)).toBe(false)
    expect(overLimit('é'.repeat(6), 10)).toBe(true)
    expect(overLimit('é'.repeat(5), 10)).toBe(false)
    expect(overLimit(new ArrayBuffer(11), 10)).toBe(true)
  })
})
