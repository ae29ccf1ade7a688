import type { WsLogger } from '@wsbridge/core'

/** Polls `condition` every 20 ms until it holds or `timeout` ms pass (then throws with `what`, computed then when it is a function). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string | (() => string), timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${typeof what === 'string' ? what : what()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A logger that keeps every line instead of writing it: an intended outage's reports stay off stderr, and a test can read them. */
export interface RecordingLogger extends WsLogger {
  readonly lines: string[]
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = []
  return {
    lines,
    error: (message) => void lines.push(message),
    warn: (message) => void lines.push(message),
  }
}
