import { describe, expect, it } from 'vitest'
import { SerialQueue, serialQueue, type QueuedTask } from '../src/serial-queue.js'

/** A queue (a base class of ConnectionImpl) driven the way core drives it, through `serialQueue`. */
class Queue extends SerialQueue {
  readonly #onError: (error: unknown) => void
  constructor(onError: (error: unknown) => void) {
    super()
    this.#onError = onError
  }
  run(task: QueuedTask<Queue, undefined>): void {
    serialQueue.run(this, task, undefined, (queue, error) => queue.#onError(error))
  }
  get idle(): boolean {
    return serialQueue.idle(this)
  }
}

describe('SerialQueue', () => {
  it('runs sync tasks inline, in order', () => {
    const log: number[] = []
    const queue = new Queue(() => undefined)
    queue.run(() => log.push(1))
    queue.run(() => log.push(2))
    expect(log).toEqual([1, 2])
    expect(queue.idle).toBe(true)
  })

  it('holds later tasks until an async task settles', async () => {
    const log: string[] = []
    const queue = new Queue(() => undefined)
    let release!: () => void
    queue.run(() => new Promise<void>((resolve) => (release = resolve)).then(() => void log.push('async')))
    queue.run(() => void log.push('sync'))
    expect(log).toEqual([])
    expect(queue.idle).toBe(false)
    release()
    await new Promise((r) => setTimeout(r, 0))
    expect(log).toEqual(['async', 'sync'])
    expect(queue.idle).toBe(true)
  })

  it('reports throws and rejections and keeps going', async () => {
    const errors: unknown[] = []
    const log: string[] = []
    const queue = new Queue((e) => errors.push(e))
    queue.run(() => {
      throw new Error('sync boom')
    })
    queue.run(() => Promise.reject(new Error('async boom')))
    queue.run(() => void log.push('after'))
    await new Promise((r) => setTimeout(r, 0))
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync boom', 'async boom'])
    expect(log).toEqual(['after'])
  })

  it('does not grow the stack on long runs queued behind an async task', async () => {
    const queue = new Queue((e) => {
      throw e
    })
    let count = 0
    queue.run(() => Promise.resolve())
    for (let i = 0; i < 100_000; i++) queue.run(() => void count++)
    await new Promise((r) => setTimeout(r, 0))
    expect(count).toBe(100_000)
  })
})
