import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { rawUpgradeRequest } from '../../raw-http.js'
import { recorded } from '../../recorder.js'
import { SECURITY_SECRET } from '../../routes/security.js'
import { expectHealthy } from './expect.js'

const opened = (token: string) => recorded(token).filter((e) => e.type === 'open')

/** Auth at upgrade: every token source, both failure modes, the vite result form, origin checks. */
export const authCases: readonly ConformanceCase[] = [
  {
    name: 'auth: a missing or invalid token is refused with 401 before upgrade; no socket, no handler',
    async run(ctx) {
      const t = ctx.token()
      const before = await ctx.running.connectionCount()
      for (const query of [`?t=${t}`, `?t=${t}&token=wrong`]) {
        const response = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/secAuthQuery${query}`)
        expect(response.status).toBe(401)
      }
      expect(await ctx.running.connectionCount()).toBe(before)
      expect(opened(t)).toEqual([])
    },
  },
  {
    name: 'auth: a verify() that throws gives a plain 401 and never leaks the exception',
    async run(ctx) {
      const response = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/secAuthQuery?token=boom`)
      expect(response.status).toBe(401)
      expect(response.body).not.toContain(SECURITY_SECRET)
      const context = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/secContextThrows`)
      expect(context.status).toBe(500)
      expect(context.body).not.toContain(SECURITY_SECRET)
      await expectHealthy(ctx)
    },
  },
  {
    name: 'auth: a forbidden user is refused with 403',
    async run(ctx) {
      const response = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/secAuthQuery?token=forbidden`)
      expect(response.status).toBe(403)
    },
  },
  {
    name: 'auth: tokens from query, Authorization header, cookie, custom extractor and subprotocol become connection.user',
    async run(ctx) {
      const alice = { user: { name: 'alice' } }
      const viaQuery = await ctx.connect('/secAuthQuery?token=good')
      const viaHeader = await ctx.connect('/secAuthHeader', { headers: { authorization: 'Bearer good' } })
      const viaCookie = await ctx.connect('/secAuthCookie', { headers: { cookie: 'theme=dark; sid=good' } })
      const viaCustom = await ctx.connect('/secAuthCustom', { headers: { 'x-api-key': 'good' } })
      const viaProtocol = await ctx.connect('/secAuthProtocol', { protocols: ['chat.v1', 'bearer.good'] })
      for (const client of [viaQuery, viaHeader, viaCookie, viaCustom, viaProtocol]) {
        client.send({})
        expect(await client.next()).toEqual(alice)
      }
      // The credential-carrying subprotocol is never echoed back as the chosen protocol.
      expect(viaProtocol.raw.protocol).toBe('chat.v1')
      const publicRoute = await ctx.connect('/secPublic')
      publicRoute.send({})
      expect(await publicRoute.next()).toEqual({})
    },
  },
  {
    name: "auth: authFailure 'close' accepts, then closes 4401/4403 with a readable reason and runs no handler",
    async run(ctx) {
      const t = ctx.token()
      const unauthorized = await ctx.connect(`/secAuthClose?t=${t}&token=wrong`)
      expect(await unauthorized.waitClose()).toEqual({ code: 4401, reason: 'Invalid token' })
      const forbidden = await ctx.connect(`/secAuthClose?t=${t}&token=forbidden`)
      expect(await forbidden.waitClose()).toEqual({ code: 4403, reason: 'Not your room' })
      expect(recorded(t)).toEqual([])
    },
  },
  {
    name: 'auth: the vite plugin result form ({ success, code, reason } / { success, data }) works',
    async run(ctx) {
      const refused = await ctx.connect('/secAuthVite')
      expect(await refused.waitClose()).toEqual({ code: 4001, reason: 'No token provided' })
      const accepted = await ctx.connect('/secAuthVite?token=good')
      accepted.send({})
      expect(await accepted.next()).toEqual({ user: { name: 'vite' } })
    },
  },
  {
    name: 'origin: a foreign browser Origin gets 403 before upgrade; same host, listed, wildcard, absent and * are allowed',
    async run(ctx) {
      const status = async (path: string, origin?: string) =>
        (await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}${path}`, origin === undefined ? {} : { origin })).status
      expect(await status('/echo', 'https://evil.example')).toBe(403)
      expect(await status('/echo', ctx.running.httpUrl)).toBe(101)
      expect(await status('/echo')).toBe(101)
      expect(await status('/secOrigin', 'https://evil.example')).toBe(403)
      expect(await status('/secOrigin', 'null')).toBe(403)
      expect(await status('/secOrigin', 'https://app.example')).toBe(101)
      expect(await status('/secOrigin', 'https://eu.trusted.example')).toBe(101)
      expect(await status('/secOrigin', 'https://trusted.example.evil.example')).toBe(403)
      expect(await status('/secAnyOrigin', 'https://evil.example')).toBe(101)
    },
  },
]
