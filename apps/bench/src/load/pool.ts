import type { BenchClient, ClientFactory, Probe } from './clients.js'

export interface Target {
  readonly origin: string
  readonly connect: ClientFactory
}

export interface OpenClient {
  readonly client: BenchClient
  /** Resolves once the socket has closed (or failed to open). */
  readonly closed: Promise<void>
}

/** Opens one client and resolves when it is open; rejects if it closes first or takes over 10 s. */
export function openClient(target: Target, path: string, onMessage: (probe: Probe) => void): Promise<OpenClient> {
  return new Promise((resolve, reject) => {
    let open = false
    let markClosed: () => void = () => undefined
    const closed = new Promise<void>((done) => (markClosed = done))
    const timer = setTimeout(() => reject(new Error(`open ${path} timed out`)), 10_000)
    const client = target.connect(target.origin, path, {
      open() {
        open = true
        clearTimeout(timer)
        resolve({ client, closed })
      },
      message: onMessage,
      close() {
        markClosed()
        if (!open) {
          clearTimeout(timer)
          reject(new Error(`${path} closed before opening`))
        }
      },
    })
  })
}

/** Opens `count` clients with at most `concurrency` handshakes in flight (keeps the SYN backlog sane). */
export async function openMany(
  target: Target,
  path: string,
  count: number,
  concurrency: number,
  onMessage: (index: number, probe: Probe) => void,
): Promise<OpenClient[]> {
  const clients: OpenClient[] = new Array(count)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++
      clients[index] = await openClient(target, path, (probe) => onMessage(index, probe))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return clients
}

/** Closes every client and waits for the closes (bounded, so a stuck target cannot hang the run). */
export async function closeAll(clients: readonly OpenClient[], timeoutMs = 5000): Promise<void> {
  for (const { client } of clients) client.close()
  await Promise.race([Promise.all(clients.map((c) => c.closed)), sleep(timeoutMs)])
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
