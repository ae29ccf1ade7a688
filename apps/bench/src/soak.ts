/**
 * Soak: up to 100,000 concurrent connections on adapter-bun under Bun or adapter-node-ws under Node,
 * heartbeat on, churned for minutes. Reports peak server RSS per connection, the JS heap, opens,
 * onClose accounting (exactly once per connection) and close codes. See docs/benchmarks.md#soak.
 *
 *   pnpm soak                                                    (node-ws, 10,000 connections, 180 s, heartbeat 5 s)
 *   SOAK_ADAPTER=bun SOAK_CONNECTIONS=100000 SOAK_SECONDS=180 pnpm soak     (6 server processes here: nofile 20,000)
 *
 * Servers run in server processes of their own (their RSS is the servers'), as many as the open-file
 * limit needs, sharing one port (soak/servers.ts); SOAK_SERVER_PROCESSES sets how many. Clients run in
 * client processes (soak/client.ts), each from loopback source addresses of its own. soak/preflight.ts plans both
 * and stops with a one-line reason when the file limit or the port range cannot hold the target.
 * SOAK_CLIENT_PROCESSES forces at least that many client processes; SOAK_CLIENT_RUNTIME=bun runs them
 * under Bun instead of Node (the `ws` client binds a source address on both; Bun's global WebSocket cannot).
 */
import { fmt } from './report/table.js'
import { aggregateFinals } from './soak/aggregate.js'
import { planSoak } from './soak/preflight.js'
import { buildSoak, soakAdapters, startSoakClient, type ClientReport, type SoakAdapter } from './soak/processes.js'
import { soakReport } from './soak/report.js'
import { sampleServers } from './soak/sampler.js'
import { startSoakServers } from './soak/servers.js'

const env = process.env
const adapter = (env['SOAK_ADAPTER'] ?? 'node-ws') as SoakAdapter
const target = Number(env['SOAK_CONNECTIONS'] ?? 10_000)
const seconds = Number(env['SOAK_SECONDS'] ?? 180)
const heartbeat = Number(env['SOAK_HEARTBEAT_MS'] ?? 5000)
const asked = (name: string): number | undefined => (env[name] ? Number(env[name]) : undefined)
const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`
const log = (line: string): void => console.log(`[soak] ${line}`)
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

if (!soakAdapters.includes(adapter)) throw new Error(`SOAK_ADAPTER must be one of ${soakAdapters.join(', ')}`)
let plan: ReturnType<typeof planSoak>
try {
  plan = planSoak(adapter, target, { clients: asked('SOAK_CLIENT_PROCESSES'), servers: asked('SOAK_SERVER_PROCESSES') })
} catch (error) {
  console.error(`[soak] cannot run: ${(error as Error).message}`)
  process.exit(2)
}
if (plan.why) log(plan.why)

await buildSoak()
const group = await startSoakServers(adapter, heartbeat, plan.servers)
const connections = (): number => group.members.reduce((total, m) => total + (m.stats?.connections ?? 0), 0)
let churning = false
const sampler = sampleServers(group, () => churning)
const serverRss = (): string => mib(sampler.samples.peak.rss)

const url = `ws://127.0.0.1:${group.port}/ws/soak`
const started = Date.now()
const clientRuntime = env['SOAK_CLIENT_RUNTIME'] === 'bun' ? 'bun' : 'node'
const clients = plan.shares.map((share) => startSoakClient({ url, ...share }, clientRuntime))
const sum = (kind: string, field: keyof ClientReport): number => clients.reduce((total, c) => total + (c.latest.get(kind)?.[field] ?? 0), 0)
// Worst event-loop lag so far (soak/lag.ts) in any client process and in any server process.
const lags = (): { client: number; server: number } => ({
  client: Math.max(0, ...clients.map((c) => (c.latest.get('TICK') ?? c.latest.get('OPEN'))?.lag ?? 0)),
  server: Math.max(0, ...group.members.map((m) => m.stats?.lag ?? 0)),
})
await Promise.all(clients.map((c) => c.next('OPEN', 600_000)))
log(
  `${adapter}: ${sum('OPEN', 'open')} clients open from ${plan.shares.flatMap((s) => s.localAddresses).length} source address(es) in ${clients.length} client process(es) to ${group.members.length} server process(es) ` +
    `after ${fmt((Date.now() - started) / 1000, 1)} s (${sum('OPEN', 'failed')} failed), peak Σ server RSS so far ${serverRss()}`,
)

for (const c of clients) c.child.kill('SIGUSR2')
churning = true
let minConcurrent = Number.POSITIVE_INFINITY
const heaps: Map<number, { first: number; end: number }> = new Map()
const deadline = Date.now() + seconds * 1000
for (let tick = 1; Date.now() < deadline; tick++) {
  await sleep(1000)
  // Only once every process has reported since churn began does the sum count them all.
  if (group.members.every((m) => m.stats)) minConcurrent = Math.min(minConcurrent, connections())
  if (tick % 15 === 0) {
    for (const m of group.members) if (m.stats && !heaps.has(m.pid)) heaps.set(m.pid, { first: m.stats.heap, end: m.stats.heap })
    const counts = group.members.map((m) => m.stats?.connections ?? 0).join(' + ')
    const lag = lags()
    log(
      `t+${tick} s: ${connections()} server connections (${counts}), peak Σ RSS ${serverRss()}, churned ${sum('TICK', 'churned')}, ` +
        `worst event-loop lag so far: clients ${lag.client} ms, servers ${lag.server} ms`,
    )
  }
}
churning = false
sampler.stop()
const lag = lags()
const opened = sum('OPEN', 'open')
for (const m of group.members) {
  const heap = m.stats?.heap ?? 0
  heaps.set(m.pid, { first: heaps.get(m.pid)?.first ?? heap, end: heap })
}
for (const c of clients) c.child.kill('SIGTERM')
await Promise.all(clients.map((c) => c.next('DONE', 60_000)))
const drainDeadline = Date.now() + 30_000
while (connections() > 0 && Date.now() < drainDeadline) await sleep(500)
const finals = await group.stop(30_000)
const totals = aggregateFinals(finals)

const servers = group.members.length > 1 ? `${group.members.length} server processes sharing port ${group.port}` : 'one server process'
const headline =
  `${adapter}, ${seconds} s, target ${target} concurrent on ${servers}, from ${clients.length} client process(es), heartbeat ${heartbeat} ms` +
  ` (${sum('DONE', 'churned')} churned, ${sum('DONE', 'failed')} failed opens)`
const lines = soakReport({
  ...{ adapter, headline, target, opened, heartbeat, lag },
  ...{ members: group.members, finals, totals, samples: sampler.samples, minConcurrent, heaps },
})
log(lines.join('\n[soak] '))
process.exit(lines.at(-1) === 'PASS' ? 0 : 1)
