/**
 * Soak: up to 100,000 concurrent connections on adapter-bun under Bun or adapter-node-ws under Node,
 * heartbeat on, churned for minutes. Reports peak server RSS per connection, the JS heap, opens,
 * onClose accounting (exactly once per connection) and close codes. See docs/benchmarks.md#soak.
 *
 *   pnpm soak                                                    (node-ws, 10,000 connections, 180 s, heartbeat 5 s)
 *   SOAK_ADAPTER=bun SOAK_CONNECTIONS=100000 SOAK_SECONDS=300 pnpm soak
 *
 * The server runs alone in its process (its RSS is the server's); clients run in client processes
 * (soak/client.ts), one loopback source address each, planned by soak/preflight.ts, which stops with
 * a one-line reason when the file limit or the port range cannot hold the target.
 * SOAK_CLIENT_PROCESSES forces at least that many client processes; SOAK_CLIENT_RUNTIME=bun runs them
 * under Bun instead of Node (the `ws` client binds a source address on both; Bun's global WebSocket cannot).
 */
import { fmt } from './report/table.js'
import { rssBytes } from './load/proc.js'
import { planSoak } from './soak/preflight.js'
import { buildSoak, soakAdapters, startSoakClient, startSoakServer, type ClientReport, type SoakAdapter } from './soak/processes.js'
import type { SoakStats } from './soak/tally.js'

const env = process.env
const adapter = (env['SOAK_ADAPTER'] ?? 'node-ws') as SoakAdapter
const target = Number(env['SOAK_CONNECTIONS'] ?? 10_000)
const seconds = Number(env['SOAK_SECONDS'] ?? 180)
const heartbeat = Number(env['SOAK_HEARTBEAT_MS'] ?? 5000)
const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`
const log = (line: string): void => console.log(`[soak] ${line}`)
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

if (!soakAdapters.includes(adapter)) throw new Error(`SOAK_ADAPTER must be one of ${soakAdapters.join(', ')}`)
let plan: ReturnType<typeof planSoak>
try {
  plan = planSoak(target, env['SOAK_CLIENT_PROCESSES'] ? Number(env['SOAK_CLIENT_PROCESSES']) : undefined)
} catch (error) {
  console.error(`[soak] cannot run: ${(error as Error).message}`)
  process.exit(2)
}

await buildSoak()
const server = startSoakServer(adapter, heartbeat)
const ready = (await server.next('READY', 60_000)) as { port: number; pid: number; baseline: number }
const stats = (): SoakStats | undefined => server.latest.get('STATS') as SoakStats | undefined
let peak = { rss: 0, connections: 0 }
// Peak RSS is sampled only while the clients are up (after shutdown starts, RSS says nothing per connection).
let measuring = true
const sampler = setInterval(() => {
  const rss = rssBytes(ready.pid)
  if (measuring && rss > peak.rss) peak = { rss, connections: stats()?.connections ?? 0 }
}, 500)

const url = `ws://127.0.0.1:${ready.port}/ws/soak`
const started = Date.now()
const clientRuntime = env['SOAK_CLIENT_RUNTIME'] === 'bun' ? 'bun' : 'node'
const clients = plan.shares.map((share) => startSoakClient({ url, ...share }, clientRuntime))
const sum = (kind: string, field: keyof ClientReport): number => clients.reduce((total, c) => total + (c.latest.get(kind)?.[field] ?? 0), 0)
await Promise.all(clients.map((c) => c.next('OPEN', 600_000)))
log(
  `${adapter}: ${sum('OPEN', 'open')} clients open from ${clients.length} source address(es) after ${fmt((Date.now() - started) / 1000, 1)} s ` +
    `(${sum('OPEN', 'failed')} failed), server RSS ${mib(rssBytes(ready.pid))}`,
)

for (const c of clients) c.child.kill('SIGUSR2')
let minConcurrent = Number.POSITIVE_INFINITY
let firstHeap: number | undefined
const deadline = Date.now() + seconds * 1000
for (let tick = 1; Date.now() < deadline; tick++) {
  await sleep(1000)
  const latest = stats()
  if (latest && latest.connections < minConcurrent) minConcurrent = latest.connections
  if (tick % 15 === 0) {
    firstHeap ??= latest?.heap
    log(
      `t+${tick} s: ${latest?.connections} server connections, RSS ${mib(rssBytes(ready.pid))}, heap ${mib(latest?.heap ?? 0)}, churned ${sum('TICK', 'churned')}`,
    )
  }
}
firstHeap ??= stats()?.heap
measuring = false
clearInterval(sampler)
const endHeap = stats()?.heap ?? 0
for (const c of clients) c.child.kill('SIGTERM')
await Promise.all(clients.map((c) => c.next('DONE', 60_000)))
const drainDeadline = Date.now() + 30_000
while ((stats()?.connections ?? 1) > 0 && Date.now() < drainDeadline) await sleep(500)
const finalStats = server.next('FINAL', 30_000)
server.child.kill('SIGTERM')
const final = (await finalStats) as SoakStats

const churned = sum('DONE', 'churned')
const failed = sum('DONE', 'failed')
const perConnection = (peak.rss - ready.baseline) / Math.max(1, peak.connections)
const closes = Object.values(final.closeCodes).reduce((a, b) => a + b, 0)
const ok = final.more === 0 && final.never === 0 && final.once === final.opened && final.connections === 0 && final.topics === 0
log(
  [
    `${adapter}, ${seconds} s, target ${target} concurrent from ${clients.length} client process(es), heartbeat ${heartbeat} ms: ` +
      `${final.opened} opens, ${closes} closes (${churned} churned, ${failed} failed opens)`,
    `fewest concurrent connections sampled during churn: ${minConcurrent}; JS heap at the first report ${mib(firstHeap ?? 0)}, at the end of churn ${mib(endHeap)}`,
    `peak server RSS ${mib(peak.rss)} at ${peak.connections} connections; baseline ${mib(ready.baseline)}; ${fmt(perConnection / 1024, 1)} KiB per connection`,
    `onClose codes: ${JSON.stringify(final.closeCodes)} (1006 without a reason: the client dropped the TCP connection)`,
    `onClose exactly once: ${final.once}/${final.opened}; twice or more: ${final.more}; never: ${final.never}; registry ${final.connections}, topics ${final.topics}`,
    ok ? 'PASS' : 'FAIL',
  ].join('\n[soak] '),
)
process.exit(ok ? 0 : 1)
