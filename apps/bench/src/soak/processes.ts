import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { buildDir, buildNodeEntries } from '../runner/build.js'
import { benchDir, bunBinary, onLines, spawnWithFds, tailStderr } from '../runner/spawn.js'
import type { ClientJob } from './client.js'

export type SoakAdapter = 'node-ws' | 'bun'
export const soakAdapters: readonly SoakAdapter[] = ['node-ws', 'bun']

/** What a client process last reported (OPEN, TICK or DONE). */
export interface ClientReport {
  readonly open: number
  readonly silent: number
  readonly failed: number
  readonly churned: number
  /** Worst event-loop lag since the process started, in ms (lag.ts). */
  readonly lag: number
}

/** A child speaking the soak's line protocol: `<KIND> <json>` lines, the latest of each kept. */
export interface SoakProcess<T> {
  readonly child: ChildProcess
  readonly latest: Map<string, T>
  /** Resolves with the first line of `kind`; rejects if the process exits first. */
  next(kind: string, timeoutMs: number): Promise<T>
}

/** Where buildSoak puts the compiled Node entries (`<name>.mjs`). */
export const soakBuildDir = join(buildDir, 'soak')

/** Compiles the Node server and the client (runner/build.ts says why they do not run under tsx). */
export const buildSoak = (): Promise<void> =>
  buildNodeEntries(
    ['server-node.ts', 'server-node-primary.ts', 'client.ts'].map((file) => join(benchDir, 'src', 'soak', file)),
    soakBuildDir,
  )

function watch<T>(child: ChildProcess, name: string, parse: (kind: string, rest: string) => T | undefined): SoakProcess<T> {
  const latest: Map<string, T> = new Map()
  const waiting: Map<string, (value: T) => void> = new Map()
  const stderr = tailStderr(child)
  let exited: string | undefined
  const failures: ((why: Error) => void)[] = []
  // 'close', not 'exit': a child's exit can be reported before the last lines of its stdout (a client's
  // DONE) have been read, and failing the wait for them then would drop a line that did arrive.
  child.once('close', (code, signal) => {
    exited = `${name} exited (${code ?? signal}): ${stderr().trim().split('\n').slice(-3).join(' | ')}`
    for (const fail of failures) fail(new Error(exited))
  })
  onLines(child, (line) => {
    const space = line.indexOf(' ')
    const kind = line.slice(0, space)
    const value = parse(kind, line.slice(space + 1))
    if (value === undefined) return
    latest.set(kind, value)
    waiting.get(kind)?.(value)
    waiting.delete(kind)
  })
  const next = (kind: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(exited))
      const timer = setTimeout(() => reject(new Error(`${name}: no ${kind} within ${timeoutMs / 1000} s`)), timeoutMs)
      failures.push(reject)
      waiting.set(kind, (value) => {
        clearTimeout(timer)
        resolve(value)
      })
    })
  return { child, latest, next }
}

/** A client process under Node (compiled) or, with `runtime` 'bun', under Bun. */
export function startSoakClient(job: ClientJob, runtime: 'node' | 'bun' = 'node'): SoakProcess<ClientReport> {
  const script =
    runtime === 'bun' ? [bunBinary, join(benchDir, 'src', 'soak', 'client.ts')] : [process.execPath, join(soakBuildDir, 'client.mjs')]
  const child = spawnWithFds([...script, JSON.stringify(job)])
  return watch(child, `client ${job.localAddresses[0]}`, (kind, rest) =>
    ['OPEN', 'TICK', 'DONE'].includes(kind) ? (JSON.parse(rest) as ClientReport) : undefined,
  )
}
