import { createConformanceFixture, parseFixtureConfig } from '@wsbridge/conformance/fixture'
import type { DurableObjectStateLike } from '../src/index.js'
import { createDurableObjectWebSocket, forwardableRequest } from '../src/index.js'
import { WebSocketObject } from '../test/websocket-object.js'

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

/** The Durable Object serving the fixture with the Hibernation API (deadlines on its alarm). */
export class FixtureObject extends WebSocketObject {
  constructor(state: DurableObjectStateLike, env: Env) {
    const fixture = createConformanceFixture(parseFixtureConfig(env.CONFORMANCE))
    const ws = createDurableObjectWebSocket(fixture.routes, state, { ...fixture.options, fallback: () => new Response('app') })
    fixture.observe(ws.bridge, () => ws.close())
    super(ws)
  }
}
