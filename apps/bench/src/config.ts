/** Load shape for one `pnpm bench` run. `--quick` trades precision for a sub-2-minute run. */
import type { InterleavedSettings } from './interleaved/job.js'

export interface EchoSettings {
  readonly clients: number
  readonly depth: number
  readonly warmupMs: number
  readonly windowMs: number
}
export interface FanoutSettings {
  readonly subscribers: number
  readonly burst: number
  readonly warmupMs: number
  readonly windowMs: number
}
/**
 * `baseline` connections are opened and kept before the first reading, so one-time costs (first-use
 * compilation, the heap's first growth) land before it; `connections` more are opened between the
 * readings, and their RSS growth per connection is the figure.
 */
export interface MemorySettings {
  readonly baseline: number
  readonly connections: number
  readonly settleMs: number
}
export interface HandshakeSettings {
  readonly concurrency: number
  readonly warmupMs: number
  readonly windowMs: number
}

export interface BenchConfig {
  readonly rounds: number
  /** Scenarios to run (`--scenarios=memory,echo`); all by default. */
  readonly scenarios?: readonly string[]
  /** Scenarios measured in round 1 only (quick mode: the info-only and slow-to-set-up ones). */
  readonly firstRoundOnly: readonly ('memory' | 'handshake')[]
  readonly echo: EchoSettings
  readonly fanout: FanoutSettings
  readonly memory: MemorySettings
  readonly handshake: HandshakeSettings
  /** The interleaved CPU-per-op phase that the CPU ratios come from (docs/benchmarks.md, Method). */
  readonly interleaved: InterleavedSettings
}

export const fullConfig: BenchConfig = {
  rounds: 3,
  firstRoundOnly: [],
  echo: { clients: 64, depth: 8, warmupMs: 500, windowMs: 3000 },
  fanout: { subscribers: 1000, burst: 10, warmupMs: 500, windowMs: 3000 },
  memory: { baseline: 1_000, connections: 10_000, settleMs: 600 },
  handshake: { concurrency: 32, warmupMs: 300, windowMs: 2000 },
  interleaved: {
    blocks: 15,
    warmPassMs: 1000,
    warmupMs: 150,
    windowMs: 400,
    echo: { clients: 50, depth: 8 },
    fanout: { subscribers: 1000, burst: 10 },
    rooms: [500, 2000, 5000],
  },
}

export const quickConfig: BenchConfig = {
  // One round for the absolute figures; the ratios come from the interleaved windows.
  rounds: 1,
  firstRoundOnly: ['memory', 'handshake'],
  echo: { clients: 50, depth: 8, warmupMs: 200, windowMs: 250 },
  fanout: { subscribers: 1000, burst: 10, warmupMs: 200, windowMs: 250 },
  memory: { baseline: 100, connections: 500, settleMs: 150 },
  handshake: { concurrency: 32, warmupMs: 50, windowMs: 300 },
  // Fan-out bursts of 5 halve what each window must drain before the next (10,000 deliveries in flight).
  interleaved: {
    blocks: 3,
    warmPassMs: 300,
    warmupMs: 100,
    windowMs: 200,
    echo: { clients: 50, depth: 8 },
    fanout: { subscribers: 1000, burst: 5 },
    // Room sizes open up to 10,000 sockets per target and would take the quick run past 2 minutes: `--rooms=500,2000,5000`.
    rooms: [],
  },
}
