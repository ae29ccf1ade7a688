import type { Frame } from '@wsbridge/core'

/** What one log entry records: traffic in either direction, a publish, a connection's open or close, an error. */
export type LogKind = 'in' | 'out' | 'publish' | 'open' | 'close' | 'error' | 'inject'

/** One entry of the inspector's message log, as the page receives it (plain JSON). */
export interface LogEntry {
  /** Increasing number, unique per inspector. */
  readonly seq: number
  /** Epoch milliseconds. */
  readonly at: number
  /** What happened: a frame in or out, an open or close, a publish, an error. */
  readonly kind: LogKind
  /** The connection's id (for `publish`: the publishing connection, if any). */
  readonly connection?: string
  /** The key of the connection's route. */
  readonly route?: string
  /** The `type` field of a JSON object frame, when it has a string one. */
  readonly type?: string
  /** The frame as text (binary frames are described, not copied). */
  readonly data?: string
  /** `publish` and inspector publishes: the topics. */
  readonly topics?: readonly string[]
  /** `open`: the upgrade path and query the connection was opened with. */
  readonly url?: string
  /** `close`: code and reason; `error`: the error code and message. */
  readonly code?: number | string
  /** `close`: the close reason; `error`: the error's message. */
  readonly reason?: string
}

/** A frame as text for the log; binary frames become a short description. */
export function frameText(frame: Frame | string): { readonly data: string; readonly binary: boolean } {
  if (typeof frame === 'string') return { data: frame, binary: false }
  return { data: `<binary ${frame.byteLength} bytes>`, binary: true }
}

/** The string `type` field of a JSON object frame, else undefined. */
export function frameType(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined
  try {
    const value: unknown = JSON.parse(text)
    const type = (value as { type?: unknown } | null)?.type
    return typeof type === 'string' ? type : undefined
  } catch {
    return undefined
  }
}
