import type { RequestEndpoint } from '../request-endpoint.js'
import type { Hooks } from './hooks.js'
import { decodeIncoming } from './incoming.js'
import type { ResumeTracker } from './resume-tracker.js'
import type { ConnectionHandlers } from './types.js'

/**
 * Takes one frame from the server to where it belongs: request, reply and cancel frames to the
 * request endpoint; token expiry announcements to the refresh timer; messages, binary data, resume gaps and error frames to the user's handlers.
 */
export function deliver(
  data: unknown,
  resume: ResumeTracker,
  requests: RequestEndpoint,
  handlers: ConnectionHandlers<unknown>,
  hooks: Hooks,
  text = false,
  expiry?: (expiresIn: number | null) => void,
): void {
  // A text route's frames are the application's strings, whatever they look like.
  if (!text && typeof data === 'string' && requests.receive(data)) return
  const incoming = decodeIncoming(data, resume, text)
  if (incoming.kind === 'message') hooks.call(() => handlers.onMessage?.(incoming.value))
  else if (incoming.kind === 'binary') hooks.call(() => handlers.onBinary?.(incoming.data))
  else if (incoming.kind === 'gap') hooks.call(() => handlers.onResumeGap?.(incoming.gap))
  else if (incoming.kind === 'error') hooks.error(incoming.error)
  else if (incoming.kind === 'expiry') expiry?.(incoming.expiresIn)
}
