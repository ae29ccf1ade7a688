/**
 * The interleaved load generator (run under Bun): holds a load open against the raw server and
 * every target of one runtime at once, then drives them one at a time in short windows,
 * raw, t1, raw, t2, raw, … with the target order rotated every block. Each target window sits
 * between two raw windows taken within a second of it, so host noise (other tenants, frequency
 * changes) that drifts over seconds cancels in each ratio. Prints one `SLICE` line per window.
 */
import { EchoLoad } from '../load/echo-load.js'
import { FanoutLoad } from '../load/fanout-load.js'
import { nativeClient, nativeRequestClient, socketIoClient } from '../load/clients.js'
import type { Load } from '../load/load.js'
import { sleep, type Target } from '../load/pool.js'
import { openWindow, quiesce } from '../load/proc.js'
import type { InterleavedJob, JobServer, Slice } from './job.js'

const job = JSON.parse(process.argv[2] ?? '') as InterleavedJob
const { settings } = job

async function openLoad(server: JobServer): Promise<Load> {
  // The request scenario asks (wsbridge request frames, socket.io emitWithAck); raw, its reference, echoes.
  const asks = job.scenario === 'request' && server !== job.raw
  const connect = server.protocol === 'socket.io' ? await socketIoClient(asks) : asks ? nativeRequestClient : nativeClient
  const target: Target = { origin: server.origin, connect }
  return job.scenario === 'fanout'
    ? FanoutLoad.open(target, server.path, settings.fanout)
    : EchoLoad.open(target, server.path, settings.echo)
}

/**
 * Runs `load` for warmup, lets it drain, then measures one window on the server's process: from
 * an idle server, through `windowMs` of sending, to the last reply of what was sent. Both edges
 * are drained so the window's CPU time is exactly the work for the ops it counts. Without that, the
 * work in flight at the edges (up to two fan-out bursts, 20,000 deliveries, a third of a window's)
 * was billed to whichever window the CPU reading fell in, and Node fan-out ratios moved by ±15%
 * from block to block. A drained server costs no CPU while it waits.
 */
async function measure(server: JobServer, load: Load): Promise<Omit<Slice, 'block' | 'position'>> {
  await quiesce(server.pid, 1000)
  const errorsBefore = load.errors
  load.start()
  await sleep(settings.warmupMs)
  await load.stop()
  const opsBefore = load.ops
  load.histogram.reset()
  load.counting = true
  const close = openWindow(server.pid)
  load.start()
  await sleep(settings.windowMs)
  await load.stop()
  const window = close()
  load.counting = false
  const { histogram } = load
  return {
    scenario: job.room ?? (server === job.raw && (job.scenario === 'typed' || job.scenario === 'request') ? 'echo' : job.scenario),
    server: server.name,
    ...window,
    ops: load.ops - opsBefore,
    errors: load.errors - errorsBefore,
    p50Ms: histogram.percentile(0.5),
    p99Ms: histogram.percentile(0.99),
  }
}

const servers = [job.raw, ...job.targets]
const loads = new Map<JobServer, Load>()
for (const server of servers) loads.set(server, await openLoad(server))

for (const server of servers) {
  const load = loads.get(server)!
  load.start()
  await sleep(settings.warmPassMs)
  await load.stop()
}

let position = 0
const emit = (block: number, slice: Omit<Slice, 'block' | 'position'>): void =>
  void process.stdout.write(`SLICE ${JSON.stringify({ block, position: position++, ...slice } satisfies Slice)}\n`)

emit(0, await measure(job.raw, loads.get(job.raw)!))
for (let block = 0; block < settings.blocks; block++) {
  for (let i = 0; i < job.targets.length; i++) {
    const target = job.targets[(i + block) % job.targets.length]!
    emit(block, await measure(target, loads.get(target)!))
    emit(block, await measure(job.raw, loads.get(job.raw)!))
  }
}
await Promise.all([...loads.values()].map((load) => load.close()))
process.exit(0)
