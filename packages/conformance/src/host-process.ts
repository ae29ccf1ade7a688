import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { FixtureConfig } from './fixture/config.js'
import { CONFIG_ENV, EVENT_PREFIX, type HostEvent, OBSERVER_ROUTE } from './fixture/protocol.js'
import type { ConformanceHost } from './host.js'
import { HostEventLog } from './host-events.js'
import { ObserverClient } from './observer-client.js'

/** Kept of a host's own output (everything but event lines), for the error when it fails. */
const OUTPUT_KEPT = 8 * 1024
/** How long `close` lets the host shut down gracefully before killing it. */
const SHUTDOWN_WAIT = 5000
const live: Set<ChildProcess> = new Set()
process.once('exit', () => {
  for (const child of live) killGroup(child)
})

/**
 * Kills the host and everything it started: a command is often a wrapper (a package manager's
 * shell shim, a launcher for workerd) whose own death would leave the server running.
 */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

/** One host process and the suite's connection to it: where it listens, what it reported, and the observer. */
export class HostProcess {
  /** Everything the process reported on its event channel. */
  readonly events = new HostEventLog()
  #output = ''
  #child: ChildProcess | undefined
  #exited: Promise<void> = Promise.resolve()
  #observer: ObserverClient | undefined
  #port = 0
  #shutdownsAtStart = 0

  /** The host this process runs. */
  readonly host: ConformanceHost
  /** The fixture configuration it was started with. */
  readonly config: FixtureConfig

  constructor(host: ConformanceHost, config: FixtureConfig) {
    this.host = host
    this.config = config
  }

  /** The current process's id: a restart changes it. */
  get pid(): number | undefined {
    return this.#child?.pid
  }
  /** The port the host announced in its ready line. */
  get port(): number {
    return this.#port
  }
  /** `ws://127.0.0.1:<port>`: prepend to a route path to open a case's client. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.#port}`
  }
  /** `http://127.0.0.1:<port>`, for plain HTTP requests to the host. */
  get httpUrl(): string {
    return `http://127.0.0.1:${this.#port}`
  }
  /** The suite's own connection to the host, which queries its bridge (connections, topics, presence); throws when the host is not running. */
  get observer(): ObserverClient {
    if (!this.#observer) throw new Error(`host ${this.host.name} is not running`)
    return this.#observer
  }
  /** The host's last output lines (not events): what to show when it misbehaves. */
  get output(): string {
    return this.#output
  }

  /** Starts the command and resolves once it announced its port and the observer is connected. */
  async start(port = this.config.port ?? 0): Promise<void> {
    const config: FixtureConfig = { ...this.config, port }
    const [program, ...args] = this.host.command
    const child = spawn(program, args, {
      cwd: this.host.cwd,
      env: { ...process.env, ...this.host.env, [CONFIG_ENV]: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches whatever the command runs under it.
      detached: true,
    })
    live.add(child)
    this.#child = child
    const readyBefore = this.events.readyPorts.length
    let exitedEarly: string | undefined
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        live.delete(child)
        exitedEarly = `exited with ${signal ?? code}`
        this.events.wake()
        resolve()
      }),
    )
    child.once('error', (error) => {
      exitedEarly = `could not start: ${error.message}`
      this.events.wake()
    })
    createInterface({ input: child.stdout! }).on('line', (line) => this.#line(line))
    createInterface({ input: child.stderr! }).on('line', (line) => this.#keep(line))
    const timeout = this.host.startTimeout ?? 30_000
    await this.events
      .until(() => this.events.readyPorts.length > readyBefore || exitedEarly !== undefined, 'the ready line', timeout)
      .catch(() => undefined)
    if (this.events.readyPorts.length === readyBefore) {
      killGroup(child)
      throw new Error(`host ${this.host.name} ${exitedEarly ?? `sent no ready line within ${timeout}ms`}; its output:\n${this.#output}`)
    }
    this.#port = this.events.readyPorts.at(-1)!
    this.#shutdownsAtStart = this.events.shutdowns.length
    this.#observer = await ObserverClient.open(`${this.wsUrl}${this.config.prefix ?? '/ws'}/${OBSERVER_ROUTE}`)
  }

  /**
   * A crash and a redeploy: kills the process (no close frame reaches any client), and runs the
   * command again on the same port, so clients reconnect to the same URL.
   */
  async restart(): Promise<void> {
    const port = this.#port
    await this.kill()
    // The port can stay taken for a moment after a kill; a host that fails to bind exits, and we try again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.start(port)
      } catch (error) {
        if (attempt >= 5) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  }

  /** Shuts the host down as an app would (its adapter's `close()`), then ends the process. */
  async close(): Promise<void> {
    if (!this.#child || this.#child.exitCode !== null) return
    // A case may have shut the bridge down already; then there is nothing left to close gracefully.
    if (this.events.shutdowns.length === this.#shutdownsAtStart) {
      this.#observer?.fire({ op: 'shutdown' })
      await this.events
        .until(() => this.events.shutdowns.length > this.#shutdownsAtStart, 'the shutdown', SHUTDOWN_WAIT)
        .catch(() => undefined)
    }
    await this.kill()
  }

  /** Kills the host's process group at once, with no graceful shutdown (crash cases); resolves when it has exited. */
  async kill(): Promise<void> {
    this.#observer?.terminate()
    this.#observer = undefined
    if (this.#child) killGroup(this.#child)
    await this.#exited
  }

  #line(line: string): void {
    if (!line.startsWith(EVENT_PREFIX)) return this.#keep(line)
    this.events.add(JSON.parse(line.slice(EVENT_PREFIX.length)) as HostEvent)
  }

  #keep(line: string): void {
    this.#output = `${this.#output}${line}\n`.slice(-OUTPUT_KEPT)
  }
}
