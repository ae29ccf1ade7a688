import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { upgradeUrl } from '@wsbridge/core/adapter'

/** `ws://host:port/path?query` for a Node upgrade request (Node only gives the path). */
export function requestUpgradeUrl(request: IncomingMessage): string {
  return upgradeUrl(request.url ?? '/', request.headers.host, (request.socket as Partial<TLSSocket>).encrypted === true)
}
