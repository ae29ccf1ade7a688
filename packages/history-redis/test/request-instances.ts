import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import type { BridgeInstrumentation, RequestOutcome } from '@wsbridge/core'
import express from 'express'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRedisRequestDedupe, type RedisRequestDedupe } from '../src/index.js'
import { requestRoutes } from './fixtures/request-routes.js'

/** One instance serving `calc` with the Redis dedupe window, in this process. */
export interface RequestInstance {
  readonly name: string
  readonly port: number
  readonly store: RedisRequestDedupe
  /** Requests that arrived here (`name`) and how each ended (`outcome` once it has). */
  readonly seen: { name: string; outcome?: RequestOutcome }[]
  /** Lines the bridge logged (a recording logger: expected errors stay off stderr). */
  readonly errors: string[]
  close(): Promise<void>
}

export async function startRequestInstance(
  kind: 'node-ws' | 'express',
  url: string,
  prefix: string,
  lease: number,
): Promise<RequestInstance> {
  const name = `${kind}-instance`
  const store = createRedisRequestDedupe({ url, prefix, lease })
  const seen: RequestInstance['seen'] = []
  const instrumentation: BridgeInstrumentation = {
    request(_connection, request) {
      const entry: RequestInstance['seen'][number] = { name: request }
      seen.push(entry)
      return { end: (outcome) => void (entry.outcome = outcome) }
    },
  }
  const errors: string[] = []
  const logger = {
    error: (...args: unknown[]) => void errors.push(args.map(String).join(' ')),
    warn: (...args: unknown[]) => void errors.push(args.map(String).join(' ')),
  }
  const options = { prefix: '/ws', requestDedupe: store, instrumentation, logger, logLimit: 0 }
  let server: Server
  let close: () => Promise<void>
  if (kind === 'express') {
    const wss = createExpressWebSocketServer(requestRoutes(name), options)
    server = wss.attach(express().listen(0, '127.0.0.1'))
    close = () => wss.close()
  } else {
    server = createServer((_request, response) => response.writeHead(404).end())
    const wss = createNodeWebSocketServer(requestRoutes(name), options)
    wss.attach(server)
    server.listen(0, '127.0.0.1')
    close = () => wss.close()
  }
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve))
  await store.ready()
  return {
    name,
    port: (server.address() as AddressInfo).port,
    store,
    seen,
    errors,
    async close() {
      await close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
