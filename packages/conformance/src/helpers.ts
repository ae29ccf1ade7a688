import { expect } from 'vitest'
import type { WireClient } from './client.js'

/** Shared assertions and small utilities for conformance cases. */

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Asserts `frame` is a wsbridge error frame with `code` and returns it typed. */
export function expectErrorFrame(
  frame: unknown,
  code: string,
): {
  /** Always `'error'`. */
  type: 'error'
  /** The code that was expected. */
  code: string
  /** The message the host sent. */
  message: string
  /** Validation issues, when the host sent any. */
  issues?: unknown
} {
  expect(frame).toMatchObject({ type: 'error', code })
  expect(typeof (frame as { message?: unknown }).message).toBe('string')
  return frame as { type: 'error'; code: string; message: string }
}

/** Sends `value` and asserts the echo route answers `{ echo: value }`: proves a socket still works. */
export async function expectEchoes(client: WireClient, value: unknown): Promise<void> {
  client.send(value)
  expect(await client.next()).toEqual({ echo: value })
}

/**
 * Asserts nothing more arrives on `client` within `ms` milliseconds. Only where no ordering can
 * prove it (deliveries through another process, such as a pub/sub backend); else `expectQuiet`.
 */
export async function expectSilence(client: WireClient, ms = 100): Promise<void> {
  const before = client.frames.length
  await delay(ms)
  expect(client.frames.slice(before)).toEqual([])
}

/**
 * Asserts nothing is on its way to `client`: sends `probe` and expects the next frame to be its
 * answer. The server handles one client's messages in order and writes to its socket in order, so
 * any frame it sent before handling the probe arrives before the answer.
 */
export async function expectQuiet(client: WireClient, probe: unknown, answer: unknown): Promise<void> {
  const before = client.frames.length
  client.send(probe)
  const next = await client.next()
  expect(client.frames.slice(before), 'frames before the probe was answered').toHaveLength(1)
  expect(next).toMatchObject(answer as object)
}

/** A fresh random token for the recorder side channel. */
export const newToken = (): string => crypto.randomUUID()
