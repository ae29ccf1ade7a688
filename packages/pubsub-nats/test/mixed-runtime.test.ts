import { expectSilence, openClient, type WireClient } from '@wsbridge/conformance'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from './cluster.js'
import { runNatsTests, SHARED_NATS } from './nats-server.js'

const BUN = fileURLToPath(new URL('../node_modules/.bin/bun', import.meta.url))
const FIXTURE = fileURLToPath(new URL('./fixtures/bun-instance.ts', import.meta.url))

/** Starts the Bun instance as a child process and resolves with its port. */
function startBun(prefix: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(BUN, [FIXTURE, SHARED_NATS, prefix], { stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => void (errors += chunk.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bun instance did not start: ${errors}`)), 15_000)
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /port (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ child, port: Number(match[1]) })
      }
    })
    child.once('exit', (code) => reject(new Error(`bun instance exited with ${code}: ${errors}`)))
  })
}

let cluster: Cluster | undefined
let bun: ChildProcess | undefined
const clients: WireClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate()
  await cluster?.close()
  cluster = undefined
  if (bun && bun.exitCode === null) {
    const exited = new Promise((resolve) => bun!.once('exit', resolve))
    bun.kill('SIGTERM')
    await exited
  }
})

describe.skipIf(!runNatsTests)('a Bun process (native pub/sub) and a Node process sharing NATS', () => {
  it('room messages cross runtimes with the same includeSelf semantics', async () => {
    cluster = await startCluster(SHARED_NATS, ['node-ws'])
    const started = await startBun(cluster.prefix)
    bun = started.child
    const onBun = (path: string): Promise<WireClient> =>
      openClient(`ws://127.0.0.1:${started.port}/ws${path}`).then((c) => (clients.push(c), c))
    const [b1, b2] = await Promise.all([onBun('/chat?room=lobby'), onBun('/chat?room=lobby')])
    const node = await cluster.connect(0, '/chat?room=lobby')
    await cluster.subscribed()

    // From Bun: the other Bun socket gets it natively, the Node socket through NATS, the sender not at all.
    // Bun's subscribe went out on its connection before this publish, so arriving at Node proves Bun is subscribed too.
    b1.send({ type: 'say', text: 'from bun', rooms: ['lobby'] })
    expect(await b1.next()).toEqual({ ack: 'say' })
    expect(await b2.next()).toMatchObject({ text: 'from bun' })
    expect(await node.next()).toMatchObject({ text: 'from bun' })

    // From Node with includeSelf: everyone once, the sender included.
    node.send({ type: 'say', text: 'from node', rooms: ['lobby'], includeSelf: true })
    expect(await node.take(2)).toEqual([{ text: 'from node', from: expect.any(String) }, { ack: 'say' }])
    expect(await b1.next()).toMatchObject({ text: 'from node' })
    expect(await b2.next()).toMatchObject({ text: 'from node' })

    // From Bun with includeSelf: the sender gets exactly one copy too.
    b2.send({ type: 'say', text: 'bun self', rooms: ['lobby'], includeSelf: true })
    expect(await b2.take(2)).toEqual([{ text: 'bun self', from: expect.any(String) }, { ack: 'say' }])
    expect(await b1.next()).toMatchObject({ text: 'bun self' })
    expect(await node.next()).toMatchObject({ text: 'bun self' })
    await Promise.all([b1, b2, node].map((client) => expectSilence(client, 200)))
  }, 30_000)
})
