import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The soak and the cluster bench at tiny scale, so CI proves both tools still run end to end: real
 * servers (Node and Bun), real clients, Redis at 127.0.0.1:6379. Their output is captured, not shown.
 */
const benchDir = join(import.meta.dirname, '..')
const tsx = join(benchDir, 'node_modules', '.bin', 'tsx')

interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function run(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(tsx, [script, ...args], { cwd: benchDir, env: { ...process.env, ...env }, timeout: 55_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

// Each server with clients of its own runtime, so both client runtimes are run too.
describe.each([
  ['node-ws', 'node'],
  ['bun', 'bun'],
])('soak on %s (%s clients)', (adapter, clientRuntime) => {
  it('churns 50 connections for 3 s and counts every onClose exactly once', async () => {
    const env = {
      SOAK_ADAPTER: adapter,
      SOAK_CLIENT_RUNTIME: clientRuntime,
      SOAK_CONNECTIONS: '50',
      SOAK_SECONDS: '3',
      SOAK_HEARTBEAT_MS: '1000',
      SOAK_CLIENT_PROCESSES: '2',
    }
    const { code, stdout } = await run('src/soak.ts', [], env)
    expect(stdout).toContain(`${adapter}: 50 clients open from 2 source address(es)`)
    const [, once, opened] = /onClose exactly once: (\d+)\/(\d+); twice or more: 0; never: 0; registry 0, topics 0/.exec(stdout) ?? []
    // Churn opened replacements on top of the 50 (about 1.5 per process per second).
    expect(Number(opened)).toBeGreaterThan(50)
    expect(once).toBe(opened)
    expect(stdout).toMatch(/onClose codes: \{"1000":\d+/)
    expect(stdout).toMatch(/\[soak\] PASS$/m)
    expect(code).toBe(0)
  }, 60_000)
})

// Two server processes on one port (Bun: SO_REUSEPORT; Node: a cluster primary handing off round-robin).
describe.each(['node-ws', 'bun'])('soak on %s with two server processes', (adapter) => {
  it('spreads 300 connections over both and sums their figures', async () => {
    const env = { SOAK_ADAPTER: adapter, SOAK_CONNECTIONS: '300', SOAK_SECONDS: '3', SOAK_HEARTBEAT_MS: '1000', SOAK_SERVER_PROCESSES: '2' }
    const { code, stdout } = await run('src/soak.ts', [], env)
    expect(stdout).toContain(`${adapter}: 300 clients open from 1 source address(es) in 1 client process(es) to 2 server process(es)`)
    const [, opens, closes] = /: (\d+) opens, (\d+) closes$/m.exec(stdout) ?? []
    const perProcess = [...(/^\[soak\] per process: (.*)$/m.exec(stdout)?.[1] ?? '').matchAll(/pid (\d+): (\d+) opens/g)]
    expect(new Set(perProcess.map((m) => m[1])).size).toBe(2)
    const counts = perProcess.map((m) => Number(m[2]))
    for (const count of counts) expect(count).toBeGreaterThan(0)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(Number(opens))
    expect(Number(opens)).toBeGreaterThan(300)
    expect(closes).toBe(opens)
    const atPeak = [...(/^\[soak\] per process at the peak: (.*)$/m.exec(stdout)?.[1] ?? '').matchAll(/(\d+) conns/g)].map((m) =>
      Number(m[1]),
    )
    const [, peakTotal] = /^\[soak\] peak Σ server RSS [\d.]+ MiB at (\d+) connections/m.exec(stdout) ?? []
    expect(atPeak).toHaveLength(2)
    expect(atPeak.reduce((a, b) => a + b, 0)).toBe(Number(peakTotal))
    expect(stdout).toMatch(
      new RegExp(`onClose exactly once: ${opens}/${opens}; twice or more: 0; never: 0; registry 0, topics 0 \\(summed over 2`),
    )
    if (adapter === 'node-ws') expect(stdout).toMatch(/node cluster primary: peak RSS [\d.]+ MiB, at most \d+ open descriptors/)
    expect(stdout).toMatch(/\[soak\] PASS$/m)
    expect(code).toBe(0)
  }, 60_000)
})

describe('soak preflight', () => {
  it('refuses a target the file limit cannot hold, with a one-line reason', async () => {
    const { code, stdout, stderr } = await run('src/soak.ts', [], { SOAK_CONNECTIONS: '100000000' })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^\[soak\] cannot run: 100000000 connections need ~\d+ open files in each of \d+ server process\(es\) but the hard limit is \d+: /,
      ),
    ])
  }, 30_000)
})

describe('cluster bench', () => {
  it('measures fan-out on one instance and on Redis-backed Node and Bun instances, plain and durable', async () => {
    const args = ['--instances=2', '--subscribers=20', '--blocks=1', '--window=300', '--warmup=100']
    const { code, stdout } = await run('src/cluster.ts', args)
    for (const [config, instances] of [
      ['single', 'node-ws'],
      ['redis', 'node-ws, bun'],
      ['redis-durable', 'node-ws, bun'],
    ]) {
      const row = stdout.split('\n').find((line) => line.startsWith(`| ${config} | ${instances} |`))
      const deliveries = Number(row?.split('|')[3]?.trim().replaceAll(',', ''))
      expect(deliveries, `${config}: ${row}`).toBeGreaterThan(0)
    }
    expect(stdout).toMatch(/^cluster redis ratio=\d+\.\d{3}$/m)
    expect(stdout).toMatch(/^cluster redis-durable ratio=\d+\.\d{3}$/m)
    expect(stdout).not.toContain('failed:')
    expect(code).toBe(0)
  }, 60_000)
})
