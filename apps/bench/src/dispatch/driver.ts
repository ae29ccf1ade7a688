/**
 * Node entry of `bench:dispatch` (../dispatch-count.ts): one bridge with the bench's routes and
 * options (targets/wsbridge-routes.ts, so `--instrumentation=` applies), one connection over a
 * transport that counts and drops what it is given, and `warm + n` frames, each in its own
 * event-loop turn as on a socket. Under callgrind (VG=1) instrumentation is switched on after the
 * `warm` frames and the counters dumped after the last reply, through vgdb.
 * Arguments: echo|request, n, warm.
 */
import { spawnSync } from 'node:child_process'
import { createBridge } from '@wsbridge/core'
import type { Transport } from '@wsbridge/core/adapter'
import { benchOptions, routes } from '../targets/wsbridge-routes.js'

const [scenario = 'echo', count = '1000', warmCount = '0'] = process.argv.slice(2)
const n = Number(count)
const warm = Number(warmCount)
const path = scenario === 'request' ? '/req' : '/echo'
const bridge = createBridge(routes, benchOptions)
const match = bridge.match(path)
if (match === undefined) throw new Error(`no route at ${path}`)
const decision = await bridge.authorize({ url: path, headers: {}, ip: '127.0.0.1' }, match)
if (!decision.ok) throw new Error(`upgrade refused: ${decision.message}`)
let sent = 0
const transport: Transport = {
  send: () => void sent++,
  close: () => undefined,
  terminate: () => undefined,
  ping: () => undefined,
  bufferedAmount: 0,
  raw: null,
}
const events = bridge.open(decision, transport)

const vgdb = (...commands: string[]): void => {
  if (process.env['VG'] !== '1') return
  const args = ['--max-invoke-ms=1', `--pid=${process.pid}`, ...commands.flatMap((c) => ['-c', c])]
  const status = spawnSync('vgdb', args, { stdio: 'ignore' }).status
  if (status !== 0) throw new Error(`vgdb ${commands.join(', ')} exited ${status}`)
}
// The bench's probe, as `conn.request('echo', probe)` or a plain echo message carries it.
const probe = (seq: number): string => `{"type":"echo","seq":${seq},"t":${1234.5 + seq},"text":"hello from the bench"}`
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
for (let i = 0; i < warm + n; i++) {
  if (i === warm) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    vgdb('instrumentation on', 'zero')
  }
  events.message(scenario === 'request' ? `{"~":"req","id":${i + 1},"n":"echo","d":${probe(i)}}` : probe(i), false)
  await turn()
}
await new Promise((resolve) => setTimeout(resolve, 10))
vgdb('dump', 'instrumentation off')
if (sent !== warm + n) throw new Error(`${sent} replies to ${warm + n} frames`)
process.exit(0)
