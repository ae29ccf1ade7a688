/**
 * The cluster bench's load generator, run under Bun (runner/spawn.ts#runBunScript) like the bench's:
 * it holds one ClusterLoad open per configuration and measures them in interleaved windows (per
 * block every configuration once, in rotated order), printing one RESULT line per window with the
 * server CPU summed over that configuration's instance processes.
 */
import { nativeStampedClient } from '../load/clients.js'
import { sleep } from '../load/pool.js'
import { cpuMs, quiesce } from '../load/proc.js'
import { ClusterLoad, type ClusterShape } from './cluster-load.js'

export interface ClusterConfigJob {
  readonly name: string
  readonly origins: readonly string[]
  readonly pids: readonly number[]
}

export interface ClusterJob {
  readonly configs: readonly ClusterConfigJob[]
  readonly shape: ClusterShape
  readonly blocks: number
  readonly warmupMs: number
  readonly windowMs: number
}

/** One window of one configuration, as printed on a RESULT line. */
export interface ClusterWindow {
  readonly config: string
  readonly block: number
  readonly ops: number
  readonly errors: number
  readonly wallMs: number
  readonly serverCpuMs: number
  readonly clientCpuMs: number
  readonly p50Ms: number
  readonly p99Ms: number
}

const serverCpu = (pids: readonly number[]): number => pids.reduce((sum, pid) => sum + cpuMs(pid), 0)

async function measure(config: ClusterConfigJob, load: ClusterLoad, job: ClusterJob, block: number): Promise<ClusterWindow> {
  for (const pid of config.pids) await quiesce(pid, 1000)
  load.start()
  await sleep(job.warmupMs)
  const [ops, errors] = [load.ops, load.errors]
  load.histogram.reset()
  load.counting = true
  const [wall, server, client] = [performance.now(), serverCpu(config.pids), cpuMs('self')]
  await sleep(job.windowMs)
  load.counting = false
  const window = { wallMs: performance.now() - wall, serverCpuMs: serverCpu(config.pids) - server, clientCpuMs: cpuMs('self') - client }
  const counted = { ops: load.ops - ops, p50Ms: load.histogram.percentile(0.5), p99Ms: load.histogram.percentile(0.99) }
  await load.stop()
  return { config: config.name, block, ...window, ...counted, errors: load.errors - errors }
}

const job = JSON.parse(process.argv[2] ?? '') as ClusterJob
const loads: ClusterLoad[] = []
for (const config of job.configs) {
  const targets = config.origins.map((origin) => ({ origin, connect: nativeStampedClient }))
  loads.push(await ClusterLoad.open(targets, job.shape))
}
for (let block = 0; block < job.blocks; block++) {
  for (let i = 0; i < job.configs.length; i++) {
    const index = (i + block) % job.configs.length
    const window = await measure(job.configs[index]!, loads[index]!, job, block)
    process.stdout.write(`RESULT ${JSON.stringify(window)}\n`)
  }
}
await Promise.all(loads.map((load) => load.close()))
process.exit(0)
