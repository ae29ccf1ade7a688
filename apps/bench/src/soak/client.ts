/**
 * One soak client process, under Node (compiled) or Bun: the `ws` client, because it can bind a
 * source address (`localAddress`) and switch off its pong replies, which Bun's global WebSocket cannot. Argument: a ClientJob. It opens `count` clients,
 * taking its source addresses in turn (preflight.ts says why several), prints `OPEN {…}`, starts churning on SIGUSR2 and prints `TICK {…}` each second;
 * SIGTERM closes every client cleanly and prints `DONE {…}` once they are closed.
 *
 * Churn each second: ~1% of clients close cleanly, ~0.5% vanish without a close frame, ~0.5% stop
 * answering pings (the server's heartbeat must terminate them); as many new clients replace them,
 * before the old ones leave, so concurrency never falls below `count`. Each report carries the worst
 * event-loop lag so far (lag.ts).
 */
import WebSocket from 'ws'
import { lagMeter } from './lag.js'

export interface ClientJob {
  readonly url: string
  readonly count: number
  /** Loopback source addresses, used in turn. */
  readonly localAddresses: readonly string[]
}

const job = JSON.parse(process.argv[2] ?? '') as ClientJob
/** Clients that answer pings; silent ones come on top, for the heartbeat to find and terminate. */
const clients: Set<WebSocket> = new Set()
const silent: Set<WebSocket> = new Set()
let failed = 0
const lag = lagMeter()
let churned = 0

let turn = 0
function open(answersPings: boolean): Promise<void> {
  return new Promise((resolve) => {
    const localAddress = job.localAddresses[turn++ % job.localAddresses.length]
    const ws = new WebSocket(job.url, { perMessageDeflate: false, autoPong: answersPings, localAddress })
    const set = answersPings ? clients : silent
    ws.once('open', () => {
      set.add(ws)
      resolve()
    })
    ws.once('error', () => {
      failed++
      resolve()
    })
    ws.once('close', () => set.delete(ws))
  })
}

async function openMany(count: number, answersPings = true): Promise<void> {
  for (let done = 0; done < count; done += 200)
    await Promise.all(Array.from({ length: Math.min(200, count - done) }, () => open(answersPings)))
}

const report = (kind: string): void =>
  void process.stdout.write(`${kind} ${JSON.stringify({ open: clients.size, silent: silent.size, failed, churned, lag: lag.worst() })}\n`)

let churning = false
async function churn(): Promise<void> {
  const n = Math.max(1, Math.round(job.count * 0.01))
  const half = Math.ceil(n / 2)
  while (churning) {
    const tick = performance.now()
    const list = [...clients]
    const pick = (k: number): WebSocket[] =>
      Array.from({ length: k }, () => list.splice(Math.floor(Math.random() * list.length), 1)[0]).filter((ws) => ws !== undefined)
    await openMany(n + half)
    await openMany(half, false)
    for (const ws of pick(n)) ws.close(1000)
    for (const ws of pick(half)) ws.terminate()
    churned += n + half
    report('TICK')
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - tick))))
  }
}

let stopped: Promise<void> | undefined
process.on('SIGUSR2', () => {
  if (churning) return
  churning = true
  stopped = churn()
})
process.once('SIGTERM', async () => {
  churning = false
  await stopped
  for (const ws of [...clients, ...silent]) ws.close(1000)
  const deadline = Date.now() + 30_000
  while (clients.size + silent.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  process.stdout.write(`DONE ${JSON.stringify({ open: clients.size, silent: silent.size, failed, churned })}\n`, () => process.exit(0))
})

await openMany(job.count)
report('OPEN')
