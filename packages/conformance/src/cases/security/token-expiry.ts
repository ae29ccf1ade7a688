import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The server's `{"~":"auth","expiresIn":ms}` announcement: within (0, ttl]. */
function expectExpiry(frame: unknown, ttl: number): void {
  expect(frame).toEqual({ '~': 'auth', expiresIn: expect.any(Number) })
  const { expiresIn } = frame as { expiresIn: number }
  expect(expiresIn).toBeGreaterThan(0)
  expect(expiresIn).toBeLessThanOrEqual(ttl)
}

/** Token expiry on live connections (docs/security.md, "Token expiry"): short lives keep these fast. */
export const tokenExpiryCases: readonly ConformanceCase[] = [
  {
    name: 'token expiry: an expiring token is announced at open and closes the connection 4401 when it runs out',
    // The expiry timer closes outside any event of the socket: on workerd the close frame (4401) arrives in time,
    // but the TCP connection ends only when the object hibernates, after the case's deadline.
    needs: 'closeOutsideEvents',
    async run(ctx) {
      const started = Date.now()
      const client = await ctx.connect('/secExpiring?token=alice:200')
      expectExpiry(await client.next(), 200)
      expect(await client.waitClose()).toEqual({ code: 4401, reason: 'Token expired' })
      expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    },
  },
  {
    name: 'token expiry: a refresh before expiry is announced and keeps the connection open past the first expiry',
    async run(ctx) {
      const started = Date.now()
      const client = await ctx.connect('/secExpiring?token=alice:300')
      expectExpiry(await client.next(), 300)
      client.send({ '~': 'auth', token: 'alice:700' })
      expectExpiry(await client.next(), 700)
      await sleep(Math.max(0, started + 400 - Date.now()))
      client.send({})
      expect(await client.next()).toEqual({ user: { id: 'alice' } })
      expect(client.raw.readyState).toBe(client.raw.OPEN)
      client.close()
    },
  },
  {
    name: 'token expiry: a refresh naming a different user closes the connection 4403',
    async run(ctx) {
      const client = await ctx.connect('/secExpiring?token=alice:300')
      expectExpiry(await client.next(), 300)
      client.send({ '~': 'auth', token: 'mallory:300' })
      expect(await client.waitClose()).toEqual({ code: 4403, reason: 'User changed on refresh' })
    },
  },
]
