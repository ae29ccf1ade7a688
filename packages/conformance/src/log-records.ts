import type { WsLogger } from '@wsbridge/core'
import type { LogRecord } from './context.js'

/** A logger for a host's bridge that appends every line to `lines` (debug included) and prints nothing. */
export function recordingLogger(lines: LogRecord[]): WsLogger {
  return {
    error: (message, error) => void lines.push(error === undefined ? { level: 'error', message } : { level: 'error', message, error }),
    warn: (message) => void lines.push({ level: 'warn', message }),
    info: (message) => void lines.push({ level: 'info', message }),
    debug: (message) => void lines.push({ level: 'debug', message }),
  }
}
