import { createConformanceFixture, parseFixtureConfig } from '@wsbridge/conformance/fixture'
import type { CloudflareWebSocket, DurableObjectStateLike } from '../src/index.js'
import { createDurableObjectWebSocket, type DurableObjectWebSocket, forwardableRequest } from '../src/index.js'

/** The bindings host.mjs gives the Worker: the suite's config (JSON) and the fixture's object. */
interface Env {
  readonly CONFORMANCE: string
  readonly FIXTURE: {
    idFromName(name: string): unknown
    get(id: unknown): { fetch(request: Request): Promise<Response> }
  }
}

/**
 * The conformance host's Worker: every request under the prefix goes to one Durable Object holding
 * the fixture's bridge (the observer route included, so queries see every connection); `/health`
 * answers `ok` and everything else `app`, as the other hosts' fallbacks do.
 */
export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    const prefix = parseFixtureConfig(env.CONFORMANCE).prefix ?? '/ws'
    const path = new URL(request.url).pathname
    if (path === prefix || path.startsWith(`${prefix}/`))
      return env.FIXTURE.get(env.FIXTURE.idFromName('conformance')).fetch(forwardableRequest(request))
    return new Response(path === '/health' ? 'ok' : 'app')
  },
}

/** The Durable Object serving the fixture with the Hibernation API. */
export class FixtureObject {
  readonly #ws: DurableObjectWebSocket<Record<string, never>>

  constructor(state: DurableObjectStateLike, env: Env) {
    const fixture = createConformanceFixture(parseFixtureConfig(env.CONFORMANCE))
    const ws = createDurableObjectWebSocket(fixture.routes, state, { ...fixture.options, fallback: () => new Response('app') })
    fixture.observe(ws.bridge, () => ws.close())
    this.#ws = ws as unknown as DurableObjectWebSocket<Record<string, never>>
  }

  fetch(request: Request): Response | Promise<Response> {
    return this.#ws.fetch(request)
  }

  webSocketMessage(socket: CloudflareWebSocket, message: string | ArrayBuffer): void {
    this.#ws.webSocketMessage(socket, message)
  }

  webSocketClose(socket: CloudflareWebSocket, code: number, reason: string, wasClean: boolean): void {
    this.#ws.webSocketClose(socket, code, reason, wasClean)
  }

  webSocketError(socket: CloudflareWebSocket, error: unknown): void {
    this.#ws.webSocketError(socket, error)
  }
}
