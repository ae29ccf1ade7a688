import type { Routes } from '@wsbridge/core'
import { baseRoutes } from './base.js'
import { clientRoutes } from './client.js'
import { closeReasonsRoutes } from './close-reasons.js'
import { closingRoutes } from './closing.js'
import { connectionSurfaceRoutes } from './connection-surface.js'
import { errorsRoutes } from './errors.js'
import { framesRoutes } from './frames.js'
import { fuzzRoutes } from './fuzz.js'
import { handshakeRoutes } from './handshake.js'
import { messagingRoutes } from './messaging.js'
import { outcomeRoutes } from './outcomes.js'
import { pubsubRoutes } from './pubsub.js'
import { requestRoutes } from './request.js'
import { requestsRoutes } from './requests.js'
import { securityRoutes } from './security.js'
import { seedChatRoutes } from './seed-chat.js'
import { seedTextRoutes } from './seed-text.js'
import { slowSubscriberRoutes } from './slow-subscriber.js'
import { streamsRoutes } from './streams.js'
import { tokenExpiryRoutes } from './token-expiry.js'
import { typedRoutes } from './typed.js'

/** Each file's routes, by the file that defines them: one routes object on the host, so keys must be unique. */
export const routeFiles = {
  base: baseRoutes,
  client: clientRoutes,
  closeReasons: closeReasonsRoutes,
  closing: closingRoutes,
  connectionSurface: connectionSurfaceRoutes,
  errors: errorsRoutes,
  frames: framesRoutes,
  fuzz: fuzzRoutes,
  handshake: handshakeRoutes,
  messaging: messagingRoutes,
  outcomes: outcomeRoutes,
  pubsub: pubsubRoutes,
  request: requestRoutes,
  requests: requestsRoutes,
  security: securityRoutes,
  seedChat: seedChatRoutes,
  seedText: seedTextRoutes,
  slowSubscriber: slowSubscriberRoutes,
  streams: streamsRoutes,
  tokenExpiry: tokenExpiryRoutes,
  typed: typedRoutes,
} as const satisfies Readonly<Record<string, Routes>>

export type RouteFile = keyof typeof routeFiles

/** Merges route objects; a key two of them define is an error (one would silently shadow the other). */
export function mergeRoutes(files: Readonly<Record<string, Routes>>): Routes {
  const merged: Routes = {}
  const owner: Record<string, string> = {}
  for (const [file, routes] of Object.entries(files)) {
    for (const [key, route] of Object.entries(routes)) {
      if (Object.hasOwn(merged, key)) throw new Error(`[wsbridge/conformance] route "${key}" is defined in ${owner[key]} and ${file}`)
      merged[key] = route
      owner[key] = file
    }
  }
  return merged
}

/** Every route the conformance cases connect to: what a host serves under the prefix. */
export const fixtureRoutes: Routes = mergeRoutes(routeFiles)

/**
 * The routes of `files` only. The bridge's runtime-wide limits follow its routes (the largest
 * `maxPayloadLength` of any route is the runtime's), so a case proving a runtime limit serves only
 * routes that keep it.
 */
export function selectRoutes(files: readonly RouteFile[]): Routes {
  return mergeRoutes(Object.fromEntries(files.map((file) => [file, routeFiles[file]])))
}
