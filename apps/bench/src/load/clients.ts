/** The message every scenario sends: small JSON, with the send time for latency. */
export interface Probe {
  readonly type: 'echo'
  readonly seq: number
  /** performance.now() of the sending process (the load generator, for every latency measured). */
  readonly t: number
  readonly text: string
}

export interface ClientEvents {
  open(): void
  message(probe: Probe): void
  close(): void
}

export interface BenchClient {
  send(probe: Probe): void
  close(): void
}

/** How the generator talks to one target: the runtime's WebSocket client, or socket.io's protocol. */
export type ClientFactory = (origin: string, path: string, events: ClientEvents) => BenchClient

/** Bun's native WebSocket client: the fastest client available, used for every non-socket.io target. */
export const nativeClient: ClientFactory = (origin, path, events) => {
  const ws = new WebSocket(origin.replace(/^http/, 'ws') + path)
  ws.onopen = () => events.open()
  ws.onmessage = (event) => events.message(JSON.parse(event.data as string) as Probe)
  ws.onclose = () => events.close()
  ws.onerror = () => undefined // a close event always follows
  return { send: (probe) => ws.send(JSON.stringify(probe)), close: () => ws.close() }
}

/**
 * A wsbridge request per probe (docs/requests.md wire format): `{"~":"req","id":n,"n":"echo","d":probe}`,
 * answered by `{"~":"res","id":n,"d":probe}`. What the typed client's `conn.request` puts on the wire.
 */
export const nativeRequestClient: ClientFactory = (origin, path, events) => {
  const ws = new WebSocket(origin.replace(/^http/, 'ws') + path)
  let id = 0
  ws.onopen = () => events.open()
  ws.onmessage = (event) => events.message((JSON.parse(event.data as string) as { d: Probe }).d)
  ws.onclose = () => events.close()
  ws.onerror = () => undefined
  return { send: (probe) => ws.send(`{"~":"req","id":${++id},"n":"echo","d":${JSON.stringify(probe)}}`), close: () => ws.close() }
}

/**
 * socket.io needs its own protocol (engine.io open packet, namespace connect, `42["message",…]`
 * frames), so its clients are socket.io-client sockets restricted to the websocket transport, one
 * engine.io connection each (forceNew). Same probes and the same scenario code as every other target.
 */
export async function socketIoClient(asks = false): Promise<ClientFactory> {
  // Imported lazily: only the socket.io target pays for loading it.
  const { io } = await import('socket.io-client')
  return (origin, path, events) => {
    const socket = io(origin + path, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000 })
    socket.on('connect', () => events.open())
    socket.on('message', (probe: Probe) => events.message(probe))
    socket.on('disconnect', () => events.close())
    socket.on('connect_error', () => events.close())
    // `asks`: one emitWithAck per probe, the request/response idiom wsbridge's requests are compared with.
    const send = asks
      ? (probe: Probe) =>
          void socket.emitWithAck('req', probe).then(
            (reply: Probe) => events.message(reply),
            () => events.close(),
          )
      : (probe: Probe) => void socket.send(probe)
    return { send, close: () => void socket.disconnect() }
  }
}

/**
 * Bun's native client for durable topics too: a durable delivery arrives stamped with its log
 * position (`{"~":"msg","t":topic,"e":…,"s":…,"d":payload}`, docs/scaling.md#durable-topics), so the
 * probe is its `d`; any other frame is the probe itself.
 */
export const nativeStampedClient: ClientFactory = (origin, path, events) => {
  const ws = new WebSocket(origin.replace(/^http/, 'ws') + path)
  ws.onopen = () => events.open()
  ws.onmessage = (event) => {
    const frame = JSON.parse(event.data as string) as Probe | { '~': 'msg'; d: Probe | string }
    const probe = '~' in frame && frame['~'] === 'msg' ? frame.d : frame
    events.message(typeof probe === 'string' ? (JSON.parse(probe) as Probe) : (probe as Probe))
  }
  ws.onclose = () => events.close()
  ws.onerror = () => undefined
  return { send: (probe) => ws.send(JSON.stringify(probe)), close: () => ws.close() }
}
