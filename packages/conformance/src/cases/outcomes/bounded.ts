import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { Opcode, RawWebSocket } from '../../raw-frames.js'
import { eventually } from '../security/expect.js'

const FLOOD = 500
const VIOLATORS = 100
/** The default `logLimit`: lines a second. */
const LIMIT = 20

/**
 * The default logging policy on a host of its own (the suite's host logs uncapped): what one
 * flooding client costs in log lines, whatever it sends.
 */
export const boundedLoggingCases: readonly ConformanceCase[] = [
  {
    name: `logging is bounded: ${FLOOD} invalid JSON frames on one connection give 4 lines; ${VIOLATORS} protocol violations at once at most ${LIMIT} lines a second plus a summary; onError sees all`,
    needs: 'protocolErrors',
    timeout: 20_000,
    async run(ctx) {
      // The bridge's default log cap, unlike the run's host (which logs every line for the cases).
      const host = await ctx.startHost({ routes: ['outcomes'], logLimit: 'default' })
      const lines = host.events.logLines
      const errors = host.events.bridgeErrors
      try {
        // One connection, FLOOD bad frames, then one good one: its echo means every frame was handled.
        const flooder = await RawWebSocket.open(host.wsUrl, `${ctx.prefix}/outcomeEcho`)
        for (let i = 0; i < FLOOD; i++) flooder.sendText('{not json')
        flooder.sendText('"done"')
        await eventually(
          () => flooder.frames.some((f) => f.opcode === Opcode.TEXT && f.payload.toString().includes('"echo":"done"')),
          'the echo after the flood',
          10_000,
        )
        flooder.destroy()
        await host.connectionsAre(0)
        await host.sync()
        expect(errors).toHaveLength(FLOOD)
        expect(lines.map((l) => [l.level, l.message.replace(/connection=[^\s:]+/, 'connection=<id>')])).toEqual([
          ['warn', '[wsbridge] INVALID_JSON route=outcomeEcho connection=<id>: Message is not valid JSON'],
          ['warn', '[wsbridge] INVALID_JSON route=outcomeEcho connection=<id>: 10 times so far (Message is not valid JSON)'],
          ['warn', '[wsbridge] INVALID_JSON route=outcomeEcho connection=<id>: 100 times so far (Message is not valid JSON)'],
          [
            'warn',
            `[wsbridge] INVALID_JSON route=outcomeEcho connection=<id>: ${FLOOD} times in all, connection closed (Message is not valid JSON)`,
          ],
        ])
        expect(lines.every((l) => l.error === undefined)).toBe(true)

        // VIOLATORS connections at once, each failing the protocol: one line each, until the cap.
        lines.length = 0
        const violators = await Promise.all(
          Array.from({ length: VIOLATORS }, () => RawWebSocket.open(host.wsUrl, `${ctx.prefix}/outcomeEcho`)),
        )
        for (const raw of violators) raw.send({ opcode: Opcode.TEXT, payload: '{}', rsv: 2 })
        await host.until(() => errors.length === FLOOD + VIOLATORS, `${VIOLATORS} PROTOCOL_ERROR reports`, 10_000)
        const written = () => lines.filter((l) => l.message.includes('PROTOCOL_ERROR')).length
        const summaries = () => lines.filter((l) => l.message.startsWith('[wsbridge] suppressed'))
        const suppressed = () => summaries().reduce((sum, l) => sum + Number(/suppressed (\d+)/.exec(l.message)?.[1] ?? 0), 0)
        // Every violation is either written or counted in a summary, which comes when its second ends.
        await host.until(() => written() + suppressed() === VIOLATORS, 'every line written or summarised', 5000)
        expect(errors.slice(FLOOD).every((e) => e.error.code === 'PROTOCOL_ERROR')).toBe(true)
        expect(summaries().length).toBeGreaterThan(0)
        expect(written()).toBeLessThanOrEqual(LIMIT * (summaries().length + 1))
        expect(lines.every((l) => l.level === 'warn' && l.error === undefined)).toBe(true)
        for (const raw of violators) raw.destroy()
      } finally {
        await host.close()
      }
    },
  },
]
