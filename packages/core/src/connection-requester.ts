import { askClient } from './request-peer.js'
import type { RequestOptions } from './requests-types.js'
import { ConnectionGuard } from './security/guard.js'

/**
 * `connection.request`, in a base class of ConnectionImpl (see connection-request.ts for the chain:
 * one object per connection). A prototype method costs connections nothing; the state it needs is
 * kept beside the connection by request-peer.ts, created on first use.
 */
export class ConnectionRequester extends ConnectionGuard {
  /** Asks the client; see Connection.request. */
  request(name: string, data: unknown, options?: RequestOptions): Promise<unknown> {
    return askClient(this as never, name, data, options)
  }
}
