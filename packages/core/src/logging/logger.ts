/**
 * Where wsbridge writes its own log lines: `console`, pino, winston or anything with these
 * methods. Every line is one string starting with `[wsbridge]`; `error` also gets the thrown value
 * (its stack) for failures of the server's own code. `info` and `debug` are optional: without
 * `debug`, debug-level lines (routine refusals) are not written.
 */
export interface WsLogger {
  /** Failures of the server's own code (a throwing handler or hook, a pub/sub outage), with the thrown value. */
  error(message: string, error?: unknown): void
  /** Problems caused by clients (invalid messages, refusals worth attention), the development hints, and rate-limited summaries. */
  warn(message: string): void
  /** Optional, and not written by wsbridge today: accepted so loggers with the usual four methods fit as they are. */
  info?(message: string): void
  /** Routine detail such as refused upgrades and their development hints; without it those lines are not written. */
  debug?(message: string): void
}

export type LogLevel = 'error' | 'warn' | 'debug'

/**
 * The default: `console.error` and `console.warn` (stderr on Node and Bun), no debug lines. Looked
 * up at each call, so a test or an app that replaces `console.error` later is still honoured.
 */
export const consoleLogger: WsLogger = {
  error: (message, error) => (error === undefined ? console.error(message) : console.error(message, error)),
  warn: (message) => console.warn(message),
}

/** Longest client-controlled value (path, origin) or message written into a line, in characters. */
const MAX_FIELD = 200

/**
 * A value for a log line: cut to MAX_FIELD characters and quoted when it contains anything but
 * plain visible ASCII, so a client cannot forge extra lines (CR/LF) or flood a line with bytes.
 */
export function field(value: string): string {
  const cut = value.length > MAX_FIELD ? `${value.slice(0, MAX_FIELD)}…` : value
  return /^[\x21-\x7e]*$/.test(cut) && cut !== '' ? cut : JSON.stringify(cut)
}

/** A message for a log line: one line without control characters, at most MAX_FIELD characters. */
export function oneLine(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they must not reach a log line.
  const flat = message.replace(/[\x00-\x1f\x7f\u2028\u2029]+/g, ' ')
  return flat.length > MAX_FIELD ? `${flat.slice(0, MAX_FIELD)}…` : flat
}
