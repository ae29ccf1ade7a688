import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import type { Bridge } from '@wsbridge/core'
import { type ResumeGap, setupBridge } from '@wsbridge/core/client'
import { createRedisPubSub } from '@wsbridge/pubsub-redis'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import { buildSync } from 'esbuild'
import { createRedisHistory } from '../src/index.js'
import { feedRoutes } from './fixtures/routes.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/instance.ts', import.meta.url))

/**
 * Bundles the instance fixture into one file (about 2 s, once per test file): an instance process
 * then starts in a fraction of a second, where compiling TypeScript at each start took seconds.
 */
export function bundleInstance(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'wsbridge-instance-')), 'instance.mjs')
  const banner = "import{createRequire}from'node:module';const require=createRequire(import.meta.url);"
  // esbuild is this package's own devDependency: a clean install links no root copy to spawn.
  buildSync({
    entryPoints: [FIXTURE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    banner: { js: banner },
    logLevel: 'error',
  })
  return out
}

/** A client of `feed` that records what it receives per topic, and the gaps it is told of. */
export interface Follower {
  readonly news: number[]
  readonly chat: number[]
  readonly gaps: ResumeGap[]
  close(): void
}

export function follow(baseUrl: string): Follower {
  const news: number[] = []
  const chat: number[] = []
  const gaps: ResumeGap[] = []
  const { $ws } = setupBridge(feedRoutes, { baseUrl, WebSocket, reconnect: { initialDelay: 50, maxDelay: 200 } })
  const connection = $ws.feed(
    {},
    {
      onMessage: (message) => {
        const { t, i } = message as { t: string; i: number }
        ;(t === 'news' ? news : chat).push(i)
      },
      onResumeGap: (gap) => void gaps.push(gap),
    },
  )
  return { news, chat, gaps, close: () => connection.close() }
}

/** An instance in another process (tsx), so it can be killed with SIGKILL. */
export interface ChildInstance {
  readonly port: number
  readonly child: ChildProcess
  stop(signal: NodeJS.Signals): Promise<void>
}

export async function spawnInstance(bundle: string, kind: 'node-ws' | 'express', url: string, prefix: string): Promise<ChildInstance> {
  const child = spawn(process.execPath, [bundle, kind, url, prefix], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /port (\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    port,
    child,
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}

/** An instance in this process (node-ws) that also publishes; `bridge.publish` is the feed's source. */
export async function localInstance(url: string, prefix: string): Promise<{ bridge: Bridge; port: number; close(): Promise<void> }> {
  const options = {
    prefix: '/ws',
    pubsub: createRedisPubSub({ url, prefix }),
    durable: { topics: ['news'], history: createRedisHistory({ url, prefix: `${prefix}history:` }), poll: 200 },
  }
  const server = createServer((_request, response) => response.writeHead(404).end())
  const wss = createNodeWebSocketServer(feedRoutes, options)
  wss.attach(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    bridge: wss.bridge,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await wss.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** What a follower's topic shows: duplicates, order breaks and messages missing between first and `last`. */
export function audit(received: number[], last: number, publishers = 1): { lost: number; duplicated: number; reordered: number } {
  let duplicated = 0
  let reordered = 0
  const seen = new Set<number>()
  // Message i came from publisher i % publishers; order holds per publisher.
  const latest = new Map<number, number>()
  for (const i of received) {
    if (seen.has(i)) duplicated++
    else if ((latest.get(i % publishers) ?? 0) > i) reordered++
    seen.add(i)
    latest.set(i % publishers, Math.max(i, latest.get(i % publishers) ?? 0))
  }
  // Each publisher's appends reach the log in its own order, but two publishers' appends race: a
  // follower that joins between them may rightly start at 4 with 5 logged before it. So what it
  // should have is counted per publisher, from the first of that publisher's messages it received.
  // A publisher it received nothing from counts from its first message overall.
  const overall = received.length > 0 ? Math.min(...received) : last + 1
  let expected = 0
  for (let p = 0; p < publishers; p++) {
    const mine = [...seen].filter((i) => i % publishers === p)
    const first = mine.length > 0 ? Math.min(...mine) : overall
    for (let i = first; i <= last; i++) if (i % publishers === p) expected++
  }
  return { lost: expected - seen.size, duplicated, reordered }
}
