import { expect } from 'vitest'
import type { WireClient } from './client.js'

/** Shared assertions and small utilities for conformance cases. */

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Asserts `frame` is a wsbridge error frame with `code` and returns it typed. */
export function expectErrorFrame(frame: unknown, code: string): { type: 'error'; code: string; message: string; issues?: unknown } {
  expect(frame).toMatchObject({ type: 'error', code })
  expect(typeof (frame as { message?: unknown }).message).toBe('string')
  return frame as { type: 'error'; code: string; message: string }
}

/** Sends `value` and asserts the echo route answers `{ echo: value }`: proves a socket still works. */
export async function expectEchoes(client: WireClient, value: unknown): Promise<void> {
  client.send(value)
  expect(await client.next()).toEqual({ echo: value })
}

/** Asserts nothing more arrives on `client` within `ms` milliseconds. */
export async function expectSilence(client: WireClient, ms = 100): Promise<void> {
  const before = client.frames.length
  await delay(ms)
  expect(client.frames.slice(before)).toEqual([])
}

/** A fresh random token for the recorder side channel. */
export const newToken = (): string => crypto.randomUUID()
