/**
 * Deploy storm: N typed clients behind a balancer over three instances, through a rolling restart
 * (each instance taken out of rotation, shut down gracefully, replaced on the same port, put back).
 * Compares the restart window (`retryWithin`: close 1012, clients spread their return over it) with
 * the plain 1001 shutdown (clients come back on their own backoff, 0-500 ms).
 *
 *   pnpm --filter @wsbridge/bench deploy-storm -- --clients 10000 --window 10000 --mode both
 *
 * Reports the time from the first shutdown until every client is open again, the peak handshakes
 * completed per second, client-side failed attempts and server errors (onError + onRefused).
 */
import { parseArgs } from 'node:util'
import { Balancer, Fleet, until } from './deploy-storm/fleet.js'
import { InstanceSlot, type ServerTotals } from './deploy-storm/instances.js'

// `pnpm <script> -- --clients …` hands the `--` on to the script: skip it.
const argv = process.argv.slice(2)
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    clients: { type: 'string', default: '10000' },
    instances: { type: 'string', default: '3' },
    window: { type: 'string', default: '10000' },
    mode: { type: 'string', default: 'both' },
    timeout: { type: 'string', default: '180000' },
  },
})
const clients = Number(values.clients)
const window = Number(values.window)

interface StormResult {
  readonly mode: string
  readonly clients: number
  readonly allBackMs: number | undefined
  /** From the last instance's shutdown until every client is open again. */
  readonly afterLastShutdownMs: number | undefined
  readonly peakHandshakesPerSecond: number
  readonly reconnects: number
  readonly failedAttempts: number
  readonly gaveUp: number
  readonly serverErrors: number
  readonly errorCodes: string[]
}

async function run(mode: 'calm' | 'immediate'): Promise<StormResult> {
  const totals: ServerTotals = { opens: 0, errors: 0, refusals: 0, errorCodes: new Set() }
  const retryWithin = mode === 'calm' ? window : undefined
  const slots = Array.from({ length: Number(values.instances) }, () => new InstanceSlot(retryWithin, totals))
  const balancer = new Balancer()
  for (const slot of slots) {
    await slot.start()
    balancer.add(slot.port)
  }
  const fleet = new Fleet(balancer)
  await fleet.connect(clients)
  fleet.restartClock()
  const started = Date.now()
  let lastShutdown = started
  for (const slot of slots) {
    lastShutdown = Date.now()
    // maxUnavailable 1: the next instance goes only once this one's replacement listens.
    balancer.remove(slot.port)
    await slot.stop()
    await slot.start()
    balancer.add(slot.port)
  }
  const back = await until(() => fleet.counters.open === clients, Number(values.timeout))
  const allBackMs = back ? Date.now() - started : undefined
  const afterLastShutdownMs = back ? Date.now() - lastShutdown : undefined
  // Seconds with no open are holes in the array.
  const opensPerSecond = Array.from(fleet.counters.opensPerSecond, (n) => n ?? 0)
  const { failedAttempts, gaveUp } = fleet.counters
  fleet.close()
  for (const slot of slots) await slot.stop()
  return {
    mode: mode === 'calm' ? `retryWithin ${window} ms (1012)` : 'plain shutdown (1001, client backoff)',
    clients,
    allBackMs,
    afterLastShutdownMs,
    peakHandshakesPerSecond: Math.max(0, ...opensPerSecond),
    reconnects: opensPerSecond.reduce((sum, n) => sum + n, 0),
    failedAttempts,
    gaveUp,
    serverErrors: totals.errors + totals.refusals,
    errorCodes: [...totals.errorCodes],
  }
}

const modes = values.mode === 'both' ? (['immediate', 'calm'] as const) : [values.mode as 'calm' | 'immediate']
const results: StormResult[] = []
for (const mode of modes) {
  const result = await run(mode)
  results.push(result)
  console.log(JSON.stringify(result))
}
const seconds = (ms: number | undefined) => (ms === undefined ? 'not all (timeout)' : `${(ms / 1000).toFixed(1)} s`)
console.log(
  '\n| behaviour | clients | all back (from 1st shutdown) | from last shutdown | peak handshakes/s | reconnects | failed attempts | server errors |',
)
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const r of results)
  console.log(
    `| ${r.mode} | ${r.clients} | ${seconds(r.allBackMs)} | ${seconds(r.afterLastShutdownMs)} | ${r.peakHandshakesPerSecond} | ${r.reconnects} | ${r.failedAttempts} | ${r.serverErrors} |`,
  )
process.exit(0)
