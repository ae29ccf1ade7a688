/**
 * `pnpm bench:history [--drivers=jetstream,redis] [--appends=1000]`: what one durable append costs
 * in each history driver, straight at the driver (no sockets), with core's default retention
 * (1000 entries, 5 minutes) on topics already appended to (one holding 1000 entries), as a bridge
 * in steady state sees them. Three shapes: one append at a time on one topic (the round trips of one append), a
 * burst on one topic (what the driver does with a queue behind each append) and the same burst
 * spread over 100 topics. Prints appends/s and per-append latency (call → answer). Every run uses
 * its own stream and keys and deletes them. See docs/benchmarks.md#history-append.
 */
import { execFileSync } from 'node:child_process'
import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import type { HistoryDriver } from '@wsbridge/core'
import { createRedisHistory } from '@wsbridge/history-redis'
import { createJetStreamHistory } from '@wsbridge/pubsub-nats'
import { quantile } from './report/metrics.js'
import { fmt } from './report/table.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string): string => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback
const drivers = option('drivers', 'jetstream,redis').split(',')
const appends = Number(option('appends', '1000'))
const retention = { maxLength: 1000, maxAge: 300_000 }
const runId = `wshist-${process.pid}-${Date.now().toString(36)}`
const STREAM = runId.replaceAll('-', '_').toUpperCase()

interface Shape {
  readonly name: string
  /** Appends `count` frames and answers each one's latency in ms. */
  run(history: HistoryDriver, count: number): Promise<number[]>
}

let ids = 0
const timed = async (history: HistoryDriver, topic: string): Promise<number> => {
  const start = performance.now()
  await history.append(topic, '{"type":"echo","text":"history append bench"}', { id: `${runId}:${++ids}`, ...retention })
  return performance.now() - start
}

const shapes: Shape[] = [
  {
    name: 'one at a time, 1 topic',
    async run(history, count) {
      const latencies: number[] = []
      for (let i = 0; i < count; i++) latencies.push(await timed(history, 'steady'))
      return latencies
    },
  },
  { name: 'burst, 1 topic', run: (history, count) => Promise.all(Array.from({ length: count }, () => timed(history, 'steady'))) },
  {
    name: 'burst, 100 topics',
    run: (history, count) => Promise.all(Array.from({ length: count }, (_, i) => timed(history, `spread-${i % 100}`))),
  },
]

function create(driver: string): HistoryDriver {
  if (driver === 'jetstream') return createJetStreamHistory({ servers: '127.0.0.1:4222', prefix: runId, stream: STREAM })
  if (driver === 'redis') return createRedisHistory({ url: 'redis://127.0.0.1:6379', prefix: `${runId}:` })
  throw new Error(`[bench] unknown history driver ${driver}`)
}

async function cleanUp(): Promise<void> {
  const nc = await connect({ servers: '127.0.0.1:4222' }).catch(() => undefined)
  if (nc) {
    await (await jetstreamManager(nc)).streams.delete(STREAM).catch(() => undefined)
    await nc.close()
  }
  try {
    const keys = execFileSync('redis-cli', ['-h', '127.0.0.1', '--scan', '--pattern', `${runId}:*`])
      .toString()
      .split('\n')
      .filter(Boolean)
    if (keys.length > 0) execFileSync('redis-cli', ['-h', '127.0.0.1', 'DEL', ...keys])
  } catch {
    console.error(`[history] could not delete the Redis keys ${runId}:* (no redis-cli?)`)
  }
}

const rows: string[] = []
try {
  for (const driver of drivers) {
    const history = create(driver)
    // Steady state: the topic holds what retention keeps, so every trim has work to look at.
    for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, () => timed(history, 'steady')))
    await Promise.all(Array.from({ length: 100 }, (_, i) => timed(history, `spread-${i}`)))
    for (const shape of shapes) {
      const start = performance.now()
      const latencies = await shape.run(history, appends)
      const seconds = (performance.now() - start) / 1000
      const row = [driver, shape.name, fmt(appends / seconds, 0), fmt(quantile(latencies, 0.5), 2), fmt(quantile(latencies, 0.99), 2)]
      rows.push(`| ${row.join(' | ')} |`)
      console.error(`[history] ${row.join('  ')}`)
    }
    await history.close()
  }
} finally {
  await cleanUp()
}
const load = execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' ')
console.log(`\n## history append bench — ${new Date().toISOString()} — load ${load} — \`pnpm bench:history ${args.join(' ')}\`\n`)
console.log('| driver | shape | appends/s | p50 ms | p99 ms |\n|---|---|---:|---:|---:|')
console.log(rows.join('\n'))
console.log(
  `\n_${appends} appends per shape, core's default retention (${retention.maxLength} entries, ${retention.maxAge / 60_000} min), latency = call → answer._`,
)
