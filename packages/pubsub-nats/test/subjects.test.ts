import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { createNatsPubSub, topicToken } from '../src/index.js'
import { runNatsTests, SHARED_NATS, testPrefix, waitFor } from './nats-server.js'
import { RecordingSink } from './sink.js'

// Topics that stress subject syntax: wildcards, dots, spaces, escapes, surrogates, very long ones.
const tricky = fc.constantFrom(
  '*',
  '>',
  '.',
  ' ',
  '\t',
  '_',
  '_002a',
  '-',
  ':',
  'é',
  '🎉',
  '\ud800',
  '\udc00',
  '\u0000',
  'h',
  'x'.repeat(120),
)
const topic = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme' })), { maxLength: 8 }).map((parts) => parts.join('')),
)

describe('topic tokens', () => {
  it('are one subject token of safe characters, bounded in length, for any topic', () => {
    fc.assert(
      fc.property(topic, (t) => {
        const token = topicToken(t)
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
        expect(token.length).toBeLessThanOrEqual(201)
      }),
    )
  })

  it('differ for different topics (no two topics share a subject)', () => {
    fc.assert(
      fc.property(topic, topic, (a, b) => {
        fc.pre(a !== b)
        expect(topicToken(a)).not.toBe(topicToken(b))
      }),
    )
    // Lone surrogates would collapse to U+FFFD in UTF-8; code units keep them apart.
    expect(topicToken('\ud800')).not.toBe(topicToken('\udc00'))
    expect(topicToken('\ud800')).not.toBe(topicToken('\ufffd'))
  })

  it('keep plain names readable', () => {
    expect(topicToken('chat:lobby')).toBe('chat_003alobby')
    expect(topicToken('a.*>')).toBe('a_002e_002a_003e')
    expect(topicToken('')).toBe('_')
    expect(topicToken('x'.repeat(300))).toMatch(/^_h[A-Za-z0-9_-]{43}$/)
  })
})

describe.skipIf(!runNatsTests)('topics on a real NATS server', () => {
  const prefix = testPrefix()
  const a = createNatsPubSub({ servers: SHARED_NATS, prefix })
  const b = createNatsPubSub({ servers: SHARED_NATS, prefix })
  const sa = new RecordingSink()
  a.start(sa)
  b.start(new RecordingSink())
  afterAll(async () => Promise.all([a.close(), b.close()]))

  it('deliver each publish only to the subscribers of exactly its topic', async () => {
    await Promise.all([a.ready(), b.ready()])
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(topic, { minLength: 2, maxLength: 6 }), async (topics) => {
        sa.delivered.length = 0
        const [listened, ...others] = topics as [string, ...string[]]
        a.subscribe(listened)
        await a.flush()
        // A marker last: once it arrives, every earlier publish that could arrive has.
        for (const other of others) b.publish({ topics: [other], frame: JSON.stringify(other) })
        b.publish({ topics: [listened], frame: JSON.stringify(listened) })
        await waitFor(() => sa.delivered.length > 0, 'the marker')
        await b.flush()
        await a.flush()
        a.unsubscribe(listened)
        expect(sa.delivered).toEqual([
          { message: { topics: [listened], frame: JSON.stringify(listened), senderId: undefined }, via: listened },
        ])
      }),
      { numRuns: 60 },
    )
    expect(sa.errors).toEqual([])
  })
})
