import { EventEmitter } from 'node:events'
import { expect, test } from 'vitest'
import { releaseHelperListenersAfterOpen } from '../../src/transport/helper-listeners.js'

const noop = () => undefined
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

test("removes only the listeners added after onOpen, in the helper's synchronous step", async () => {
  const raw = new EventEmitter()
  const before = () => 'buffering'
  raw.on('message', before)
  const keep = releaseHelperListenersAfterOpen(raw)
  // During onOpen: the adapter's own listeners and a user handler's.
  const own = () => 'own'
  const users = () => 'user'
  raw.on('message', own)
  raw.on('close', users)
  keep()
  // After onOpen returned, same step: what the Node helpers add.
  const helperMessage = () => 'helper'
  const helperClose = () => 'helper'
  const helperError = () => 'helper'
  const helperPing = () => 'not one of the three'
  raw.on('message', helperMessage)
  raw.on('close', helperClose)
  raw.on('error', helperError)
  raw.on('ping', helperPing)
  await Promise.resolve()
  expect(raw.listeners('message')).toEqual([before, own])
  expect(raw.listeners('close')).toEqual([users])
  expect(raw.listeners('error')).toEqual([])
  expect(raw.listeners('ping')).toEqual([helperPing])
})

test('a listener added in a later microtask (an async onOpen handler) stays', async () => {
  const raw = new EventEmitter()
  const keep = releaseHelperListenersAfterOpen(raw)
  const late = () => 'late'
  // A user's async onOpen, resumed in a microtask queued during onOpen.
  void Promise.resolve().then(() => raw.on('close', late))
  keep()
  await tick()
  expect(raw.listeners('close')).toEqual([late])
})

test('does nothing when onOpen never finished (it threw)', async () => {
  const raw = new EventEmitter()
  releaseHelperListenersAfterOpen(raw)
  raw.on('message', noop)
  await tick()
  expect(raw.listeners('message')).toEqual([noop])
})
