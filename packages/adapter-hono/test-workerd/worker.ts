import { createConformanceFixture, parseFixtureConfig } from '@wsbridge/conformance/fixture'
import { Hono } from 'hono'
import { getConnInfo, upgradeWebSocket } from 'hono/cloudflare-workers'
import { createHonoWebSocket } from '../src/index.js'

/** The bindings host.mjs gives the Worker: the suite's config (JSON) and the fixture's object. */
interface Env {
  readonly CONFORMANCE: string
  readonly FIXTURE: {
    idFromName(name: string): unknown
    get(id: unknown): { fetch(request: Request): Promise<Response> }
  }
}

/**
 * The conformance host's Worker: every request goes to one Durable Object, whose Hono app holds
 * the fixture's bridge. One object, because workerd lets a request touch only the sockets of its
 * own I/O context: the observer route (and a publish from one socket to another) must see every
 * connection, and all requests of one object share its context.
 */
export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return env.FIXTURE.get(env.FIXTURE.idFromName('conformance')).fetch(request)
  },
}

/**
 * The Durable Object serving the fixture with Hono and `hono/cloudflare-workers`'s
 * `upgradeWebSocket`, which accepts each socket into the object (`server.accept()`: no
 * hibernation), so core's own sweep timer keeps the deadlines.
 */
export class FixtureObject {
  readonly #app = new Hono()

  constructor(_state: unknown, env: Env) {
    const fixture = createConformanceFixture(parseFixtureConfig(env.CONFORMANCE))
    const { middleware, bridge, close } = createHonoWebSocket(fixture.routes, { ...fixture.options, upgradeWebSocket, getConnInfo })
    fixture.observe(bridge, close)
    // Mounted for every path: Hono's router would not hand it `/ws\echo` (a `\` where `/` belongs),
    // which core refuses 400 as under the prefix. Anything not an upgrade under the prefix goes on.
    this.#app.use(middleware)
    this.#app.get('/health', (c) => c.text('ok'))
    this.#app.all('*', (c) => c.text('app'))
  }

  fetch(request: Request): Response | Promise<Response> {
    return this.#app.fetch(request)
  }
}
