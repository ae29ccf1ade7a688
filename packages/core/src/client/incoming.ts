import { asControlFrame, PONG_FRAME } from '../control-frames.js'
import { errorCodes, WsError, type WsErrorCode, type WsIssue } from '../errors.js'
import type { ResumeTracker } from './resume-tracker.js'
import type { ResumeGap } from './types.js'

const EXPIRY_FRAME_PREFIX = '{"~":"auth","expiresIn":'

/** What one incoming frame means to the connection. */
export type Incoming =
  | { readonly kind: 'message'; readonly value: unknown }
  | { readonly kind: 'binary'; readonly data: ArrayBuffer }
  | { readonly kind: 'error'; readonly error: Error }
  | { readonly kind: 'gap'; readonly gap: ResumeGap }
  /** The server's `{"~":"auth","expiresIn":ms | null}`: how long the connection's token still lives. */
  | { readonly kind: 'expiry'; readonly expiresIn: number | null }
  /** Handled internally: a pong, or a replayed message the client already had. */
  | { readonly kind: 'none' }

function isErrorFrame(value: unknown): value is { type: 'error'; code: WsErrorCode; message: string; issues?: WsIssue[] } {
  if (typeof value !== 'object' || value === null) return false
  const frame = value as { type?: unknown; code?: unknown; message?: unknown }
  return (
    frame.type === 'error' && typeof frame.code === 'string' && Object.hasOwn(errorCodes, frame.code) && typeof frame.message === 'string'
  )
}

/** The server's token expiry announcement (security/auth-refresh-frame.ts), else undefined. */
function asExpiry(value: unknown): Incoming | undefined {
  if (typeof value !== 'object' || value === null || (value as { '~'?: unknown })['~'] !== 'auth') return undefined
  const expiresIn = (value as { expiresIn?: unknown }).expiresIn
  if (expiresIn === null || (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0))
    return { kind: 'expiry', expiresIn }
  return undefined
}

function toArrayBuffer(data: unknown): ArrayBuffer | undefined {
  if (data instanceof ArrayBuffer) return data
  if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer
  return undefined
}

/**
 * A text route's frame is the message itself, except the two frames wsbridge sends on every route:
 * the heartbeat's pong, the token expiry announcement, and error frames (`{"type":"error",…}` with a wsbridge code, as the server
 * writes them). Text routes have no resume, so no stamped or gap frames.
 */
function decodeText(data: string): Incoming {
  if (data === PONG_FRAME) return { kind: 'none' }
  if (data.startsWith(EXPIRY_FRAME_PREFIX)) {
    try {
      const expiry = asExpiry(JSON.parse(data))
      if (expiry) return expiry
    } catch {
      // Not JSON after all: the application's own text.
    }
  }
  if (data.startsWith('{"type":"error","code":"')) {
    try {
      const value: unknown = JSON.parse(data)
      if (isErrorFrame(value))
        return { kind: 'error', error: new WsError(value.code, value.message, value.issues ? { issues: value.issues } : {}) }
    } catch {
      // Not JSON after all: the application's own text.
    }
  }
  return { kind: 'message', value: data }
}

/**
 * Decodes a frame: JSON text becomes a message, except wsbridge's own frames (control frames, and
 * error frames whose `code` is a wsbridge error code, which become a WsError for `onError`).
 */
export function decodeIncoming(data: unknown, tracker: ResumeTracker, text = false): Incoming {
  if (typeof data !== 'string') {
    const bytes = toArrayBuffer(data)
    return bytes
      ? { kind: 'binary', data: bytes }
      : { kind: 'error', error: new Error('[wsbridge] unsupported binary frame type (set binaryType to arraybuffer)') }
  }
  if (text) return decodeText(data)
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return { kind: 'error', error: new Error(`[wsbridge] server sent a text frame that is not JSON: ${data.slice(0, 64)}`) }
  }
  const expiry = asExpiry(value)
  if (expiry) return expiry
  const control = asControlFrame(value)
  if (control === undefined) {
    if (!isErrorFrame(value)) return { kind: 'message', value }
    const issues = value.issues
    return { kind: 'error', error: new WsError(value.code, value.message, issues ? { issues } : {}) }
  }
  if (control['~'] === 'msg') return tracker.accept(control) ? { kind: 'message', value: control.d } : { kind: 'none' }
  if (control['~'] === 'gap') {
    tracker.gap(control)
    return { kind: 'gap', gap: { topic: control.t, after: control.after, next: control.next } }
  }
  return { kind: 'none' }
}
