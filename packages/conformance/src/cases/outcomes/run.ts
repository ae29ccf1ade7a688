import { expect } from 'vitest'
import type { ClientOutcome, Provocation } from '../../client-outcomes.js'
import type { LogRecord, SuiteContext } from '../../context.js'
import { Opcode, RawWebSocket } from '../../raw-frames.js'
import { rawUpgradeRequest } from '../../raw-http.js'
import type { WireRefusal } from '../../fixture/protocol.js'
import { OUTCOME_SECRET } from '../../routes/outcomes.js'
import { eventually, expectProtocolOutcome } from '../security/expect.js'

type FramesOrSlow = Extract<Provocation, { kind: 'frames' | 'slow-reader' }>
type Upgrade = Extract<Provocation, { kind: 'upgrade' }>

/** The log line `outcome.log` stands for, with the attempt's values filled in. */
function expectedLine(outcome: ClientOutcome, values: Readonly<Record<string, string>>): LogRecord {
  const message = outcome.log.replace(/<(\w+)>/g, (_, name: string) => values[name] ?? `<${name}>`)
  return { level: outcome.level, message }
}

/** What a raw socket's server frames say: the first error frame, if any. */
function errorFrameOf(raw: RawWebSocket, reply = false): unknown {
  for (const frame of raw.frames) {
    if (frame.opcode !== Opcode.TEXT) continue
    const value = JSON.parse(frame.payload.toString('utf8')) as { type?: unknown; '~'?: unknown; e?: unknown }
    if (reply ? value['~'] === 'res' && value.e !== undefined : value.type === 'error') return value
  }
  return undefined
}

/** A message-level outcome: its answer on the wire, one onError call, one log line (for that connection). */
export async function runOnConnection(ctx: SuiteContext, outcome: ClientOutcome, provoke: FramesOrSlow): Promise<void> {
  const token = ctx.token()
  const raw = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/${provoke.route}?t=${token}`)
  const mine = () => ctx.bridgeErrors.filter((e) => e.token === token)
  try {
    if (provoke.kind === 'slow-reader') {
      raw.socket.pause()
      raw.sendText(JSON.stringify({ count: 4000, size: 16 * 1024 }))
      await ctx.running.until(() => mine().length > 0, `${outcome.code} reported`, 10_000)
      raw.socket.resume()
    } else {
      for (const frame of provoke.frames) raw.send(frame)
    }
    const answer = outcome.answer
    if (answer.kind === 'error-frame') {
      await eventually(() => errorFrameOf(raw) !== undefined, 'an error frame')
      expect(errorFrameOf(raw)).toMatchObject({ type: 'error', code: outcome.code })
    } else if (answer.kind === 'error-reply') {
      await eventually(() => errorFrameOf(raw, true) !== undefined, 'an error reply')
      expect(errorFrameOf(raw, true)).toMatchObject({ '~': 'res', e: { code: outcome.code } })
    } else if (answer.kind === 'close') {
      const ended = await raw.waitOutcome(10_000)
      if (answer.orDrop && ended.kind === 'dropped') expect(ended).toEqual({ kind: 'dropped' })
      else expectProtocolOutcome(ctx, ended, answer.code)
    }
  } finally {
    raw.destroy()
  }
  // Every error is counted once the connection is gone: then no later report can arrive.
  await ctx.running.until(() => mine().length > 0, `${outcome.code} reported`)
  const connection = mine()[0]!.connection
  await ctx.running.poll(async () => !(await ctx.running.connections()).some((c) => c.id === connection), 'the connection released')
  // Reports written before the release have all arrived once a barrier has.
  await ctx.running.sync()
  expect(mine().map((e) => e.error.code)).toEqual([outcome.code])
  const id = mine()[0]!.connection!
  expect(ctx.logLines.filter((line) => line.message.includes(`connection=${id}`))).toEqual([
    expectedLine(outcome, { route: provoke.route, id }),
  ])
}

/** A refused upgrade: its answer, one onRefused call (and onError when the server failed), one log line. */
export async function runUpgrade(ctx: SuiteContext, outcome: ClientOutcome, provoke: Upgrade): Promise<void> {
  const token = ctx.token()
  const [pathname = '', query] = provoke.path.replace('<t>', token).split('?')
  const path = `${ctx.prefix}${pathname}${query === undefined ? '' : `?${query}`}`
  for (let i = 0; i < (provoke.hold ?? 0); i++) await ctx.connect(provoke.path.replace('<t>', `hold-${i}-${token}`))
  const refusalsBefore = ctx.refusals.length
  const linesBefore = ctx.logLines.length
  const errorsBefore = ctx.bridgeErrors.length
  const answer = outcome.answer
  if (answer.kind === 'http') {
    const response = await rawUpgradeRequest(ctx.running.httpUrl, path, provoke.headers)
    expect(response.status).toBe(answer.status)
    expect(response.body).not.toContain(OUTCOME_SECRET)
  } else if (answer.kind === 'close') {
    const client = await ctx.connect(path.slice(ctx.prefix.length))
    expect((await client.waitClose()).code).toBe(answer.code)
  }
  await ctx.running.until(() => ctx.refusals.length > refusalsBefore, 'onRefused called')
  // The onError call and the log line that go with the refusal have arrived once a barrier has.
  await ctx.running.sync()
  const refusals: WireRefusal[] = ctx.refusals.slice(refusalsBefore)
  expect(refusals.map(({ code, blame, route, path: refusedPath }) => ({ code, blame, route, path: refusedPath }))).toEqual([
    { code: outcome.code, blame: outcome.blame, route: provoke.route, path: `${ctx.prefix}${pathname}` },
  ])
  const refusal = refusals[0]!
  // A refusal the server caused (a hook threw) reaches onError too, as the same error.
  expect(ctx.bridgeErrors.slice(errorsBefore).map((e) => e.error)).toEqual(outcome.blame === 'server' ? [refusal.error] : [])
  const lines = ctx.logLines.slice(linesBefore).filter((line) => line.message.startsWith('[wsbridge] refused'))
  const values = { path: refusal.path, ip: refusal.ip === '' ? '""' : refusal.ip, route: provoke.route ?? '', origin: refusal.origin ?? '' }
  expect(lines.map(({ level, message }) => ({ level, message }))).toEqual([expectedLine(outcome, values)])
  if (outcome.stack) expect(lines[0]!.error).toMatchObject({ message: OUTCOME_SECRET })
  else expect(lines[0]!.error).toBeUndefined()
}
