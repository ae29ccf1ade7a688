import { afterAll, describe, expect, it } from 'vitest'
import { createJetStreamHistory } from '../src/index.js'
import { OwnNats, runOwnNatsTests, waitFor } from './nats-server.js'

// This file starts its own nats-server (file storage in a temporary directory) so it can restart it, with or without its data.
describe.skipIf(!runOwnNatsTests)('JetStream history across server restarts (a nats-server this test owns)', () => {
  let nats: OwnNats | undefined
  afterAll(async () => nats?.dispose())

  it('keeps epoch and seqs across a restart that kept the data, and starts a new epoch after one that lost it', async () => {
    nats = await OwnNats.start()
    const history = createJetStreamHistory({ servers: nats.url, nats: { reconnectTimeWait: 100 }, timeout: 1000 })
    const first = await history.append('room', '"a"')
    await history.append('room', '"b"')

    await nats.kill()
    await expect(history.read('room', first, 10)).rejects.toThrow()
    await nats.restart()
    await waitFor(
      () =>
        history.read('room', first, 10).then(
          () => true,
          () => false,
        ),
      'reads after the restart',
    )
    const kept = await history.read('room', first, 10)
    expect(kept).toMatchObject({ epoch: first.epoch, floor: 0, last: 2 })
    expect(kept.entries.map((e) => e.frame)).toEqual(['"b"'])

    await nats.kill()
    nats.wipe()
    await nats.restart()
    let appended: { epoch: string; seq: number } | undefined
    await waitFor(
      async () => (appended = await history.append('room', '"c"').catch(() => undefined)) !== undefined,
      'an append after data loss',
      20_000,
    )
    expect(appended?.epoch).not.toBe(first.epoch)
    expect(appended?.seq).toBe(1)
    // A reader from the lost epoch is answered from the new log's start (core announces the gap).
    const read = await history.read('room', { epoch: first.epoch, seq: 2 }, 10)
    expect(read).toMatchObject({ epoch: appended?.epoch, floor: 0, last: 1 })
    expect(read.entries.map((e) => e.frame)).toEqual(['"c"'])
    await history.close()
  })
})
