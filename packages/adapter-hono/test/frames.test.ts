import { describe, expect, test } from 'vitest'
import { createOrderedRunner, toFrame } from '../src/frames.js'

describe('toFrame', () => {
  test('strings stay text; ArrayBuffer, Buffer and typed-array views become the exact bytes', async () => {
    expect(toFrame('hi')).toEqual(['hi', false])
    expect(toFrame(new Uint8Array([1, 2]).buffer)).toEqual([new Uint8Array([1, 2]), true])
    const pooled = Buffer.from([9, 8, 7, 6]).subarray(1, 3)
    expect(toFrame(pooled)).toEqual([new Uint8Array([8, 7]), true])
    expect(toFrame(new DataView(new Uint8Array([5, 4, 3]).buffer, 1, 1))).toEqual([new Uint8Array([4]), true])
    expect(await toFrame(new Blob([new Uint8Array([1, 2, 3])]))).toEqual([new Uint8Array([1, 2, 3]), true])
  })
})

describe('createOrderedRunner', () => {
  test('a Blob being read holds back later frames and the close, so nothing is reordered', async () => {
    const seen: unknown[] = []
    const run = createOrderedRunner((error) => seen.push(['error', error]))
    const deliver = (data: string | Blob) => () => {
      const frame = toFrame(data)
      if (!(frame instanceof Promise)) return void seen.push(frame[0])
      return frame.then(([bytes]) => void seen.push(bytes))
    }
    run(deliver('a'))
    run(deliver(new Blob([new Uint8Array([1])])))
    run(deliver('b'))
    run(() => void seen.push('closed'))
    expect(seen).toEqual(['a'])
    // The adapter's fast path for text frames checks this: nothing may skip ahead of the Blob.
    expect(run.idle).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(seen).toEqual(['a', new Uint8Array([1]), 'b', 'closed'])
    // Once the queue has drained, tasks run synchronously again.
    expect(run.idle).toBe(true)
    run(() => void seen.push('sync'))
    expect(seen.at(-1)).toBe('sync')
  })

  test('a failing task is reported and later tasks still run', async () => {
    const seen: unknown[] = []
    const run = createOrderedRunner((error) => seen.push((error as Error).message))
    run(() => Promise.reject(new Error('blob unreadable')))
    run(() => void seen.push('next'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(seen).toEqual(['blob unreadable', 'next'])
  })
})
