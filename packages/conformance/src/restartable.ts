import { connect, createServer, type Server, type Socket } from 'node:net'
import type { Bridge, BridgeOptions, Routes } from '@wsbridge/core'
import type { ConformanceHost, RunningHost } from './host.js'

/** A host instance behind a stable address that can be stopped and started again. */
export interface RestartableHost {
  /** `ws://127.0.0.1:<proxy port>`: stays the same across restarts. */
  readonly wsUrl: string
  /** The current instance's bridge (a new one after every restart). */
  readonly bridge: Bridge
  /**
   * Drops every connection without a close frame, stops the instance (`RunningHost.close`), waits
   * `downFor` ms refusing connections, then starts a fresh instance with the same routes.
   */
  restart(downFor?: number): Promise<void>
  close(): Promise<void>
}

/**
 * Runs `host` behind a TCP proxy on a fixed local port, like a load balancer in front of a service
 * that is redeployed: the instance behind it really stops and starts (new bridge, new port), while
 * clients keep one URL. Works with any ConformanceHost, so no host has to implement restarts itself.
 */
export async function startRestartable(
  host: ConformanceHost,
  routes: Routes,
  options: BridgeOptions & { readonly prefix: string },
): Promise<RestartableHost> {
  let running: RunningHost | undefined = await host.start(routes, options)
  let target: number | undefined = Number(new URL(running.wsUrl).port)
  const sockets: Set<Socket> = new Set()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const proxy: Server = createServer((client) => {
    track(client)
    // While the instance is down, connections are refused, as a stopped service would.
    if (target === undefined) return void client.destroy()
    const upstream = connect(target, '127.0.0.1')
    track(upstream)
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as { port: number }

  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    get bridge() {
      if (!running) throw new Error('[wsbridge/conformance] the host is down')
      return running.bridge
    },
    async restart(downFor = 200) {
      target = undefined
      for (const socket of sockets) socket.destroy()
      await running?.close()
      running = undefined
      await new Promise((resolve) => setTimeout(resolve, downFor))
      running = await host.start(routes, options)
      target = Number(new URL(running.wsUrl).port)
    },
    async close() {
      target = undefined
      for (const socket of sockets) socket.destroy()
      await running?.close()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    },
  }
}
