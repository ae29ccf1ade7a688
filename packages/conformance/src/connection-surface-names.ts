/**
 * What a handler's connection may expose at runtime, and the internals it once exposed. Imports
 * nothing, so core's own surface test reads the same lists by path (the kit depends on core, not
 * the other way round).
 */

/** The documented Connection (docs/routes-and-connections.md); every class prototype adds `constructor`. */
export const DOCUMENTED_CONNECTION_KEYS = [
  'bufferedAmount',
  'broadcast',
  'close',
  'context',
  'headers',
  'id',
  'ip',
  'joinRoom',
  'leaveRoom',
  'params',
  'ping',
  'publish',
  'query',
  'raw',
  'readyState',
  'request',
  'rooms',
  'route',
  'send',
  'subscribe',
  'terminate',
  'toString',
  'topics',
  'unsubscribe',
  'url',
  'user',
] as const

/** Names core once exposed on the connection; each reached straight into the runtime's internals. */
export const FORMER_INTERNALS = [
  'pong',
  'closeQuietly',
  'drop',
  'message',
  'run',
  'sweep',
  'opened',
  'closed',
  'error',
  'drain',
  'drained',
  'idle',
  'rejectMessage',
  'handlerFailed',
  'taskFailed',
  'sendErrorFrame',
  'report',
  'sendFrame',
  'admit',
  'beforeSend',
  'compress',
  'definition',
  'routeTopic',
  'nativePubSub',
  'limits',
  'guardPolicy',
  'canPing',
] as const
