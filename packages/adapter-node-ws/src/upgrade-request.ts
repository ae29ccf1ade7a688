import type { IncomingMessage } from 'node:http'
import type { UpgradeRequest } from '@wsbridge/core'

/** What core is told about a Node upgrade request: `url` is the full upgrade URL (upgrade-url.ts). */
export function upgradeRequest(request: IncomingMessage, url: string): UpgradeRequest {
  return { url, headers: request.headers, ip: request.socket.remoteAddress }
}
