/**
 * `pnpm bench:cluster [--instances=3] [--subscribers=1000] [--publishers=N] [--burst=2] [--blocks=9]
 * [--window=1000] [--warmup=300] [--nats] [--quick]`: fan-out across instances. Starts, in one run,
 * a single adapter-node-ws instance with no backplane (the baseline), N instances (adapters in
 * rotation: node-ws, bun, express) sharing Redis pub/sub, the same N with a durable topic
 * (history-redis), and with --nats N sharing NATS and the same N with a durable topic on JetStream
 * (nats-durable); subscribers are spread over the instances and a
 * publisher sits on each. Prints deliveries/s, publish → receive latency, server CPU per delivery
 * summed over the instances, and its ratio to the baseline block by block. See docs/benchmarks.md#cluster.
 */
import { execFileSync, execSync } from 'node:child_process'
import { join } from 'node:path'
import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import type { ClusterWindow } from './cluster/generator.js'
import { clusterStream, NATS_URL } from './cluster/instance-options.js'
import { renderClusterTable, blockRatios } from './cluster/report.js'
import { median } from './report/metrics.js'
import { fmt } from './report/table.js'
import { buildDir, buildNodeEntries } from './runner/build.js'
import { hardFileLimit } from './runner/file-limit.js'
import { startProcess, type StartedProcess } from './runner/server.js'
import { benchDir, bunBinary, runBunScript } from './runner/spawn.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: number): number => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const quick = args.includes('--quick')
const instances = option('instances', 3)
const shape = {
  subscribers: option('subscribers', quick ? 60 : 1000),
  publishers: option('publishers', instances),
  burst: option('burst', 2),
}
const timing = {
  blocks: option('blocks', quick ? 2 : 9),
  windowMs: option('window', quick ? 400 : 1000),
  warmupMs: option('warmup', quick ? 150 : 300),
}
const log = (line: string): void => console.error(`[cluster] ${line}`)

// Two instances already cross runtimes (Node and Bun); Express, layered on node-ws, comes third.
const adapters = ['node-ws', 'bun', 'express'] as const
type Adapter = (typeof adapters)[number]
interface ClusterConfig {
  readonly name: string
  readonly backplane: 'none' | 'redis' | 'nats'
  readonly durable: boolean
  readonly adapters: readonly Adapter[]
}
const spread = Array.from({ length: instances }, (_, i) => adapters[i % adapters.length]!)
const configs: ClusterConfig[] = [
  { name: 'single', backplane: 'none', durable: false, adapters: ['node-ws'] },
  { name: 'redis', backplane: 'redis', durable: false, adapters: spread },
  { name: 'redis-durable', backplane: 'redis', durable: true, adapters: spread },
  ...(args.includes('--nats')
    ? ([
        { name: 'nats', backplane: 'nats', durable: false, adapters: spread },
        { name: 'nats-durable', backplane: 'nats', durable: true, adapters: spread },
      ] as const)
    : []),
]
// Unique per run and configuration: nothing crosses between them or reaches anyone else on the shared Redis/NATS.
const runId = `wsbench-${process.pid}-${Date.now().toString(36)}`
const outDir = join(buildDir, 'cluster')

function startInstance(config: ClusterConfig, adapter: Adapter, index: number): Promise<StartedProcess> {
  const command =
    adapter === 'bun'
      ? [bunBinary, join(benchDir, 'src', 'cluster', 'instance-bun.ts')]
      : [process.execPath, join(outDir, 'instance-node.mjs')]
  const env = {
    CLUSTER_ADAPTER: adapter,
    CLUSTER_BACKPLANE: config.backplane,
    CLUSTER_DURABLE: config.durable ? '1' : '0',
    CLUSTER_PREFIX: `${runId}-${config.name}`,
  }
  return startProcess(`${config.name}/${adapter}#${index}`, command, env, 60_000)
}

const machine = `${execSync('nproc').toString().trim()} cores, load average ${execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ')}`
log(
  `${configs.length} configurations, ${instances} instances each (single: 1), ${shape.subscribers} subscribers, ${shape.publishers} publishers, on ${machine}`,
)
// The generator holds every configuration's clients at once, in one process.
const generatorSockets = configs.length * (shape.subscribers + shape.publishers)
const fileLimit = hardFileLimit()
if (generatorSockets + 256 > fileLimit) {
  log(
    `the load generator would hold ${generatorSockets} sockets, over this machine's open-file limit (${fileLimit}): ask for fewer --subscribers`,
  )
  process.exit(2)
}
await buildNodeEntries([join(benchDir, 'src', 'cluster', 'instance-node.ts')], outDir, true)
const started: StartedProcess[] = []
const windows: ClusterWindow[] = []
let failure: string | undefined
try {
  // Started all at once (a failed start is in `started` too, for the finally to stop): process startup dominates a small run.
  const starting = configs.map((config) => config.adapters.map((adapter, i) => startInstance(config, adapter, i)))
  const settled = await Promise.allSettled(starting.flat())
  for (const result of settled) if (result.status === 'fulfilled') started.push(result.value)
  const jobConfigs = []
  for (const [c, config] of configs.entries()) {
    const running = await Promise.all(starting[c]!)
    jobConfigs.push({ name: config.name, origins: running.map((s) => s.origin), pids: running.map((s) => s.pid) })
  }
  const job = { configs: jobConfigs, shape, ...timing }
  const { code, stderr } = await runBunScript(
    join('cluster', 'generator.ts'),
    job,
    (line) => {
      if (line.startsWith('RESULT ')) windows.push(JSON.parse(line.slice(7)) as ClusterWindow)
    },
    600_000,
  )
  if (code !== 0) failure = `generator exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`
} catch (error) {
  failure = String(error)
} finally {
  await Promise.all(started.map((s) => s.stop()))
  // The durable configuration's streams and append ids: delete them rather than wait for their TTLs.
  try {
    const keys = execFileSync('redis-cli', ['-h', '127.0.0.1', '--scan', '--pattern', `${runId}-*`])
      .toString()
      .split('\n')
      .filter(Boolean)
    if (keys.length > 0) execFileSync('redis-cli', ['-h', '127.0.0.1', 'DEL', ...keys])
  } catch {
    log(`could not delete the Redis keys ${runId}-* (no redis-cli?)`)
  }
  await deleteStreams(configs.filter((c) => c.backplane === 'nats' && c.durable).map((c) => clusterStream(`${runId}-${c.name}`)))
}

/** The nats-durable configuration's JetStream streams, deleted rather than left on the shared server. */
async function deleteStreams(streams: readonly string[]): Promise<void> {
  if (streams.length === 0) return
  const nc = await connect({ servers: NATS_URL }).catch(() => undefined)
  if (!nc) return log(`could not delete the JetStream streams ${streams.join(', ')}`)
  const jsm = await jetstreamManager(nc)
  for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined)
  await nc.close()
}

const described = configs.map((c) => ({ name: c.name, instances: c.adapters.join(', ') }))
console.log(`\n## wsbridge cluster bench — ${new Date().toISOString()} — ${machine} — \`pnpm bench:cluster ${args.join(' ')}\`\n`)
console.log(renderClusterTable(windows, described, 'single'))
console.log(
  `\n_${shape.subscribers} subscribers and ${shape.publishers} publishers spread over the instances; medians over ${timing.blocks} blocks of ` +
    `interleaved ${timing.windowMs} ms windows; × single = each block's server CPU per delivery (Σ instances) over the single instance's in that block._\n`,
)
for (const config of configs.slice(1))
  console.log(`cluster ${config.name} ratio=${fmt(median(blockRatios(windows, config.name, 'single')), 3)}`)
if (failure) console.log(`- failed: ${failure.slice(0, 400)}`)
process.exit(failure || windows.length === 0 ? 1 : 0)
