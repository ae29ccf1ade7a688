import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeIncoming } from '../../src/client/incoming.js'
import { ResumeTracker } from '../../src/client/resume-tracker.js'
import { incomingData } from './client-incoming.js'
import { FuzzSurface } from './settings.js'

// The browser client's frame decoding against a hostile or broken server: any text, JSON, control
// frame lookalike or bytes decodes to one of its kinds, and never throws.

const surface = new FuzzSurface('client-frames')
afterAll(() => void surface.report())

describe('fuzz: client frame parsing', () => {
  it(
    'decodeIncoming never throws, whatever a frame holds',
    () => {
      fc.assert(
        fc.property(
          fc.array(incomingData, { maxLength: 8 }),
          surface.counted((frames: unknown[]) => {
            const tracker = new ResumeTracker()
            for (const data of frames) expect(['message', 'binary', 'error', 'gap', 'none']).toContain(decodeIncoming(data, tracker).kind)
            expect(() => tracker.encode()).not.toThrow()
          }),
        ),
        surface.params(1000),
      )
    },
    surface.timeout(1000, 1),
  )
})
