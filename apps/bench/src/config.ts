/** Load shape for one `pnpm bench` run. `--quick` trades precision for a sub-2-minute run. */
export interface EchoSettings { readonly clients: number; readonly depth: number; readonly warmupMs: number; readonly windowMs: number }
export interface FanoutSettings { readonly subscribers: number; readonly burst: number; readonly warmupMs: number; readonly windowMs: number }
export interface MemorySettings { readonly connections: number; readonly settleMs: number }
export interface HandshakeSettings { readonly concurrency: number; readonly warmupMs: number; readonly windowMs: number }

export interface BenchConfig {
  readonly rounds: number
  readonly echo: EchoSettings
  readonly fanout: FanoutSettings
  readonly memory: MemorySettings
  readonly handshake: HandshakeSettings
}

export const fullConfig: BenchConfig = {
  rounds: 3,
  echo: { clients: 64, depth: 8, warmupMs: 500, windowMs: 3000 },
  fanout: { subscribers: 1000, burst: 10, warmupMs: 500, windowMs: 3000 },
  memory: { connections: 10_000, settleMs: 600 },
  handshake: { concurrency: 32, warmupMs: 300, windowMs: 2000 },
}

export const quickConfig: BenchConfig = {
  rounds: 3,
  echo: { clients: 50, depth: 8, warmupMs: 150, windowMs: 500 },
  fanout: { subscribers: 1000, burst: 10, warmupMs: 150, windowMs: 500 },
  memory: { connections: 1000, settleMs: 200 },
  handshake: { concurrency: 32, warmupMs: 100, windowMs: 400 },
}
