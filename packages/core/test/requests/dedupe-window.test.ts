import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WsError } from '../../src/errors.js'
import { dedupeKey, memoryDedupeWithClock } from '../../src/request-dedupe.js'
import { type DedupeAsker, dedupe, type DedupeWindow } from '../../src/request-dedupe-flow.js'
import type { DedupeClaim, DedupedRequest, RequestDedupeStore } from '../../src/request-dedupe-store.js'

const request = (key: number, session = 's1'): DedupedRequest => ({ key: dedupeKey('calc', session, key), route: 'calc', session, id: key })

const ops = (window: number) =>
  fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('claim' as const), key: fc.nat(6) }),
      fc.record({ op: fc.constant('settle' as const), key: fc.nat(6), reply: fc.string({ maxLength: 4 }) }),
      fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: window }) }),
    ),
    { maxLength: 80 },
  )

describe('the memory dedupe window', () => {
  it('property: inside the window and the count bound a request is claimed once; a settled one replays its reply; size stays bounded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 5 }), ops(600), (window, max, steps) => {
        let now = 0
        const store = memoryDedupeWithClock(window, max, () => now)
        // What a client could observe, independent of how the store is built.
        const claimedAt = new Map<number, number>()
        const claimsSince = new Map<number, number>()
        const settled = new Map<number, string>()
        for (const step of steps) {
          if (step.op === 'tick') now += step.ms
          else if (step.op === 'settle') {
            if (claimedAt.has(step.key)) {
              store.settle(request(step.key), step.reply)
              settled.set(step.key, step.reply)
            }
          } else {
            const claim = store.claim(request(step.key))
            const at = claimedAt.get(step.key)
            const fresh = at !== undefined && now - at < window && (claimsSince.get(step.key) ?? 0) < max
            if (at !== undefined && now - at >= window) expect(claim.state).toBe('claimed')
            if (fresh) {
              // At most once: remembered, so never claimed again.
              expect(claim.state).not.toBe('claimed')
              const reply = settled.get(step.key)
              expect(claim).toEqual(reply === undefined ? { state: 'running' } : { state: 'replied', reply })
            }
            if (claim.state === 'claimed') {
              for (const key of claimsSince.keys()) claimsSince.set(key, (claimsSince.get(key) ?? 0) + 1)
              claimedAt.set(step.key, now)
              claimsSince.set(step.key, 0)
              settled.delete(step.key)
            }
          }
          expect(store.size).toBeLessThanOrEqual(max)
        }
      }),
    )
  })
})

/** A store answering asynchronously, as a shared one (Redis) does, shared by two bridges' windows. */
function asyncStore(inner: RequestDedupeStore, fail = false): RequestDedupeStore {
  return {
    claim: async (r) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      if (fail) throw new Error('store down')
      return inner.claim(r) as DedupeClaim
    },
    settle: async (r, reply) => inner.settle(r, reply),
  }
}

function asker(run: () => Promise<string>, signal = new AbortController().signal) {
  const sent: string[] = []
  const failures: WsError[] = []
  let replays = 0
  let drops = 0
  const value: DedupeAsker = {
    aborted: () => signal.aborted,
    send: (frame) => void sent.push(frame),
    run,
    failed: (error) => void failures.push(error),
    replayed: () => void replays++,
    dropped: () => void drops++,
  }
  return { value, sent, failures, replays: () => replays, drops: () => drops }
}

describe('the dedupe flow between instances sharing a store', () => {
  const windows = (store: RequestDedupeStore): [DedupeWindow, DedupeWindow] => [
    { store, running: new Map() },
    { store, running: new Map() },
  ]

  it('a resend on B while A runs the handler waits for A and replays its reply', async () => {
    const [a, b] = windows(asyncStore(memoryDedupeWithClock(60_000, 100, Date.now)))
    let runs = 0
    let finish!: (frame: string) => void
    const onA = asker(() => {
      runs++
      return new Promise((resolve) => (finish = resolve))
    })
    dedupe(a, request(1), onA.value)
    await expect.poll(() => runs).toBe(1)
    const onB = asker(async () => {
      runs++
      return 'B ran it'
    })
    dedupe(b, request(1), onB.value)
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(onB.sent).toEqual([])
    finish('{"~":"res","id":1,"d":7}')
    await expect.poll(() => onB.sent).toEqual(['{"~":"res","id":1,"d":7}'])
    expect(runs).toBe(1)
    expect(onB.replays()).toBe(1)
  })

  it('an asker that goes away while it waits gets nothing, and nothing runs', async () => {
    const [a, b] = windows(asyncStore(memoryDedupeWithClock(60_000, 100, Date.now)))
    let finish!: (frame: string) => void
    dedupe(a, request(2), asker(() => new Promise((resolve) => (finish = resolve))).value)
    await expect.poll(() => a.running.size).toBe(1)
    const controller = new AbortController()
    let ranOnB = false
    const onB = asker(async () => ((ranOnB = true), 'no'), controller.signal)
    dedupe(b, request(2), onB.value)
    controller.abort(new WsError('CONNECTION_CLOSED'))
    finish('{"~":"res","id":2}')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(onB.sent).toEqual([])
    expect(ranOnB).toBe(false)
    // Told it was dropped, so the connection lets go of the request it kept for a cancel to reach.
    expect(onB.drops()).toBe(1)
  })

  it('a store that fails answers INTERNAL and runs nothing (at most once before availability)', async () => {
    const [a] = windows(asyncStore(memoryDedupeWithClock(60_000, 100, Date.now), true))
    let ran = false
    const onA = asker(async () => ((ran = true), 'no'))
    dedupe(a, request(3), onA.value)
    await expect.poll(() => onA.sent.length).toBe(1)
    expect(JSON.parse(onA.sent[0]!)).toEqual({ '~': 'res', id: 3, e: { code: 'INTERNAL', message: 'Internal error' } })
    expect(onA.failures.map((error) => error.code)).toEqual(['INTERNAL'])
    expect(ran).toBe(false)
  })
})
