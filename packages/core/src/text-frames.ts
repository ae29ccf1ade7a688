import { encodeMessage } from './codec.js'
import type { Frame } from './pubsub/driver.js'
import type { ResumeStore } from './resume.js'
import type { Routes } from './route.js'
import { isTextRoute } from './text-route.js'

/**
 * `bridge.publish`'s encoding: with `format: 'text'` a string goes out as it is (what a text
 * route's `publish` does), anything else is encoded as on JSON routes.
 */
export function encodeFor(format: string | undefined, data: unknown): Frame {
  if (format === 'text') {
    if (typeof data !== 'string') throw new TypeError(`[wsbridge] publish with format 'text' takes a string, not ${typeof data}`)
    return data
  }
  return encodeMessage(data)
}

export function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * The hub's stamp for a bridge with resume routes. A stamped frame embeds the message as JSON, so on
 * a bridge that also has text routes, a text frame that is not JSON passes a resume topic unstamped
 * and unbuffered, as binary frames do (the one check is paid only by such bridges, only on resume topics).
 */
export function resumeStamp<M extends { readonly url: URL }>(
  resume: ResumeStore<M>,
  routes: Routes,
): (topics: readonly string[], frame: Frame) => Frame {
  if (!Object.values(routes).some(isTextRoute)) return (topics, frame) => resume.stamp(topics, frame)
  return (topics, frame) => (typeof frame === 'string' && resume.stamps(topics) && !isJson(frame) ? frame : resume.stamp(topics, frame))
}
