import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'

/**
 * Soak: ≥10,000 concurrent connections on adapter-node-ws with heartbeat on, churned for minutes.
 * Reports peak server RSS per connection and checks every connection's onClose ran exactly once.
 *
 *   pnpm soak                                   (defaults: 10,000 connections, 180 s, heartbeat 5 s)
 *   SOAK_CONNECTIONS=12000 SOAK_SECONDS=300 pnpm soak
 *
 * The server runs in a child process (its RSS is measured alone); each process needs a file
 * descriptor per connection plus slack: run `ulimit -n 20000` (or higher) first if `ulimit -n` is lower.
 * Churn each second: ~1% of clients close cleanly, ~0.5% vanish without a close frame, ~0.5% stop
 * answering pings (the server's heartbeat must terminate them); as many new clients replace them.
 */

const target = Number(process.env['SOAK_CONNECTIONS'] ?? 10_000)
const seconds = Number(process.env['SOAK_SECONDS'] ?? 180)
const heartbeat = Number(process.env['SOAK_HEARTBEAT_MS'] ?? 5000)
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

interface Stats {
  type: string
  rss: number
  heap: number
  connections: number
  topics: number
  opened: number
  once: number
  more: number
  never: number
  closeCodes: Record<string, number>
}

const server = fork(fileURLToPath(new URL('./soak/server.ts', import.meta.url)), {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, SOAK_HEARTBEAT_MS: String(heartbeat) },
})
const ready = await new Promise<{ port: number; baseline: number }>((resolve) =>
  server.once('message', (m) => resolve(m as { port: number; baseline: number })),
)
let latest: Stats | undefined
let final: Stats | undefined
let peak = { rss: 0, connections: 0 }
// Peak RSS is sampled only while the clients are up (after shutdown starts, RSS says nothing per connection).
let measuring = true
server.on('message', (m: Stats) => {
  if (m.type === 'final') final = m
  if (m.type !== 'stats') return
  latest = m
  if (measuring && m.rss > peak.rss) peak = { rss: m.rss, connections: m.connections }
})

const url = `ws://127.0.0.1:${ready.port}/ws/soak`
/** Clients that answer pings; silent ones are extra, so concurrency never falls below the target. */
const clients: Set<WebSocket> = new Set()
const silent: Set<WebSocket> = new Set()
let failedOpens = 0

function open(answersPings = true): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, autoPong: answersPings })
    const set = answersPings ? clients : silent
    ws.once('open', () => {
      set.add(ws)
      resolve()
    })
    ws.once('error', () => {
      failedOpens++
      resolve()
    })
    ws.once('close', () => set.delete(ws))
  })
}

async function openMany(count: number, answersPings = true): Promise<void> {
  for (let done = 0; done < count; done += 200)
    await Promise.all(Array.from({ length: Math.min(200, count - done) }, () => open(answersPings)))
}

const started = Date.now()
await openMany(target)
console.log(
  `[soak] ${clients.size} clients open after ${((Date.now() - started) / 1000).toFixed(1)} s (${failedOpens} failed), server RSS ${mib(latest?.rss ?? 0)}`,
)

let churned = 0
let minConcurrent = Number.POSITIVE_INFINITY
let steadyHeap: number | undefined
const deadline = Date.now() + seconds * 1000
while (Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const list = [...clients]
  const pick = (n: number): WebSocket[] =>
    Array.from({ length: n }, () => list.splice(Math.floor(Math.random() * list.length), 1)[0]!).filter(Boolean)
  const n = Math.max(1, Math.round(target * 0.01))
  // Replacements connect before the old clients leave, so concurrency never dips below the target;
  // the silent peers (no pongs) come on top, for the heartbeat to find and terminate.
  await openMany(n + Math.ceil(n / 2))
  await openMany(Math.ceil(n / 2), false)
  for (const ws of pick(n)) ws.close(1000)
  for (const ws of pick(Math.ceil(n / 2))) ws.terminate()
  churned += n + Math.ceil(n / 2)
  if (latest && latest.connections < minConcurrent) minConcurrent = latest.connections
  if (Math.round((deadline - Date.now()) / 1000) % 15 === 0) {
    steadyHeap ??= latest?.heap
    console.log(
      `[soak] t+${Math.round((Date.now() - started) / 1000)} s: ${latest?.connections} server connections, RSS ${mib(latest?.rss ?? 0)}, heap ${mib(latest?.heap ?? 0)}, churned ${churned}`,
    )
  }
}

measuring = false
const endHeap = latest?.heap ?? 0
for (const ws of [...clients, ...silent]) ws.close(1000)
const drainDeadline = Date.now() + 30_000
while ((latest?.connections ?? 1) > 0 && Date.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 500))
server.send({ type: 'shutdown' })
while (!final) await new Promise((resolve) => setTimeout(resolve, 100))

const perConnection = (peak.rss - ready.baseline) / Math.max(1, peak.connections)
const ok = final.more === 0 && final.never === 0 && final.once === final.opened && final.connections === 0 && final.topics === 0
console.log(
  [
    `[soak] ${seconds} s, target ${target} concurrent, heartbeat ${heartbeat} ms, ${final.opened} connections opened in total (${churned} churned)`,
    `[soak] fewest concurrent connections sampled during churn: ${minConcurrent}; JS heap at first report ${mib(steadyHeap ?? 0)}, at the end of churn ${mib(endHeap)}`,
    `[soak] peak server RSS ${mib(peak.rss)} at ${peak.connections} connections; baseline ${mib(ready.baseline)}; ${(perConnection / 1024).toFixed(1)} KiB per connection`,
    `[soak] onClose codes: ${JSON.stringify(final.closeCodes)} (1006 without a reason: the client dropped the TCP connection)`,
    `[soak] onClose exactly once: ${final.once}/${final.opened}; twice or more: ${final.more}; never: ${final.never}; registry ${final.connections}, topics ${final.topics}`,
    `[soak] ${ok ? 'PASS' : 'FAIL'}`,
  ].join('\n'),
)
process.exit(ok ? 0 : 1)
