/**
 * The load generator, run under Bun (its WebSocket client is the fastest available): one process
 * per target per round, running the requested scenarios in order and printing one RESULT line each.
 * Its own CPU is measured in every window, so a saturated client shows up in the report.
 */
import type { BenchConfig } from '../config.js'
import { runEcho } from '../scenarios/echo.js'
import { runFanout } from '../scenarios/fanout.js'
import { runHandshake } from '../scenarios/handshake.js'
import { runMemory } from '../scenarios/memory.js'
import type { ScenarioName, ScenarioResult } from '../scenarios/types.js'
import { nativeClient, nativeRequestClient, socketIoClient } from './clients.js'
import type { Target } from './pool.js'
import { quiesce } from './proc.js'

export interface GeneratorJob {
  readonly origin: string
  readonly serverPid: number
  readonly protocol: 'websocket' | 'socket.io'
  readonly scenarios: readonly ScenarioName[]
  readonly config: BenchConfig
}

function run(job: GeneratorJob, target: Target, scenario: ScenarioName): Promise<ScenarioResult> {
  const { config, serverPid } = job
  switch (scenario) {
    case 'memory':
      return runMemory(target, serverPid, config.memory)
    case 'handshake':
      return runHandshake(target, serverPid, config.handshake)
    case 'echo':
      return runEcho(target, serverPid, 'echo', '/echo', config.echo)
    case 'typed':
      return runEcho(target, serverPid, 'typed', '/typed', config.echo)
    case 'fanout':
      return runFanout(target, serverPid, config.fanout)
    case 'request':
      // The echo load with request clients (`target.connect` asks): wsbridge request frames, socket.io emitWithAck.
      return runEcho(target, serverPid, 'request', '/req', config.echo)
  }
}

const job = JSON.parse(process.argv[2] ?? '') as GeneratorJob
// A job with the request scenario runs only that one: its clients ask instead of sending.
const asks = job.scenarios.includes('request')
if (asks && job.scenarios.length > 1) throw new Error('the request scenario runs in a job of its own')
const connect = job.protocol === 'socket.io' ? await socketIoClient(asks) : asks ? nativeRequestClient : nativeClient
const target: Target = { origin: job.origin, connect }
for (const scenario of job.scenarios) {
  try {
    await quiesce(job.serverPid)
    const result = await run(job, target, scenario)
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
  } catch (error) {
    process.stdout.write(`FAILED ${JSON.stringify({ scenario, message: String(error) })}\n`)
  }
}
process.exit(0)
