/**
 * Frames wsbridge itself sends and understands, shared by the server and the typed client.
 * Every one is a JSON object whose `"~"` key names it; user messages never need that key, so the
 * client can tell the two apart without knowing the route's schemas.
 *
 * - `{"~":"ping"}` → `{"~":"pong"}`: the client heartbeat (browsers cannot send ping frames). The
 *   server answers the exact text `{"~":"ping"}` on every route, before parsing or validation.
 * - `{"~":"msg","t":topic,"e":epoch,"s":seq,"d":message}`: a topic message on a route with
 *   `resume`, stamped with its topic buffer's epoch and sequence number.
 * - `{"~":"gap","t":topic,"e":epoch,"after":n,"next":m}`: on resume, messages after `after` up to
 *   `next - 1` are no longer buffered (or the buffer's epoch changed): the client missed them.
 *
 * The client's last seen positions travel in the upgrade URL's `~resume` query parameter as JSON
 * `{ "<topic>": ["<epoch>", <seq>] }`, so the server knows them before `onOpen` subscribes.
 */

export const PING_FRAME = '{"~":"ping"}'
export const PONG_FRAME = '{"~":"pong"}'
export const RESUME_QUERY_PARAM = '~resume'

/** A client's last seen message per topic: `[epoch, seq]`. */
export type ResumePositions = Record<string, readonly [epoch: string, seq: number]>

export interface StampedFrame {
  readonly '~': 'msg'
  readonly t: string
  readonly e: string
  readonly s: number
  readonly d: unknown
}

export interface GapFrame {
  readonly '~': 'gap'
  readonly t: string
  readonly e: string
  /** The last sequence number the client had seen (0 when its epoch no longer exists). */
  readonly after: number
  /** The first sequence number the server still has; everything between was lost. */
  readonly next: number
}

export type ControlFrame = StampedFrame | GapFrame | { readonly '~': 'pong' }

/** Wraps an already-encoded message; the message itself is never serialized again. */
export function stampFrame(topic: string, epoch: string, seq: number, encoded: string): string {
  return `{"~":"msg","t":${JSON.stringify(topic)},"e":${JSON.stringify(epoch)},"s":${seq},"d":${encoded}}`
}

export function gapFrame(topic: string, epoch: string, after: number, next: number): string {
  const frame: GapFrame = { '~': 'gap', t: topic, e: epoch, after, next }
  return JSON.stringify(frame)
}

/** Recognises a parsed control frame; anything else is a user message. */
export function asControlFrame(value: unknown): ControlFrame | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const kind = (value as { '~'?: unknown })['~']
  if (kind === 'pong') return value as ControlFrame
  if (kind !== 'msg' && kind !== 'gap') return undefined
  const frame = value as { t?: unknown; e?: unknown; s?: unknown; after?: unknown; next?: unknown }
  if (typeof frame.t !== 'string' || typeof frame.e !== 'string') return undefined
  if (kind === 'msg') return typeof frame.s === 'number' && 'd' in frame ? (value as StampedFrame) : undefined
  return typeof frame.after === 'number' && typeof frame.next === 'number' ? (value as GapFrame) : undefined
}

/** Parses the `~resume` query value; malformed input yields no positions (never throws). */
export function parseResumePositions(raw: string | null | undefined): Map<string, { epoch: string; seq: number }> {
  const positions = new Map<string, { epoch: string; seq: number }>()
  if (!raw) return positions
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return positions
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return positions
  for (const [topic, position] of Object.entries(parsed)) {
    if (!Array.isArray(position) || position.length !== 2) continue
    const [epoch, seq] = position as unknown[]
    if (typeof epoch === 'string' && typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0) positions.set(topic, { epoch, seq })
  }
  return positions
}
