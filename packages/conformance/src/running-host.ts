import type { PresenceMember } from '@wsbridge/core'
import type { WireConnection, WireRefusal } from './fixture/protocol.js'
import type { BridgeErrorRecord, HostEventLog, LogRecord } from './host-events.js'
import { HostProcess } from './host-process.js'

const POLL_INTERVAL = 15

/**
 * A running host as cases see it: its addresses, what it reported on its event channel, and the
 * bridge's state, asked over the observer route. Nothing is read from the host's memory.
 */
export class RunningHost extends HostProcess {
  /** Every bridge `onError` call since the host started. */
  get bridgeErrors(): readonly BridgeErrorRecord[] {
    return this.events.bridgeErrors
  }
  /** Every bridge `onRefused` call since the host started. */
  get refusals(): readonly WireRefusal[] {
    return this.events.refusals
  }
  /** Every line the bridge logged since the host started. */
  get logLines(): readonly LogRecord[] {
    return this.events.logLines
  }

  /** Open connections, the suite's observer left out. */
  connections(): Promise<WireConnection[]> {
    return this.observer.query({ op: 'connections' })
  }
  /** How many case connections the host holds right now. */
  async connectionCount(): Promise<number> {
    return (await this.connections()).length
  }
  /** How many topics have at least one subscriber on the host (to prove closed connections leave none behind). */
  topicCount(): Promise<number> {
    return this.observer.query({ op: 'topicCount' })
  }
  /** `bridge.subscriberCount(topic)` on the host. */
  subscriberCount(topic: string): Promise<number> {
    return this.observer.query({ op: 'subscriberCount', topic })
  }
  /** `bridge.publish` on the host: the number of local deliveries. */
  publish(topic: string, data: unknown): Promise<number> {
    return this.observer.query({ op: 'publish', topic, data })
  }
  /** `bridge.presence(topic)` on the host: this instance's members. */
  presence(topic: string): Promise<PresenceMember[]> {
    return this.observer.query({ op: 'presence', topic })
  }
  /** `bridge.clusterPresence(topic)` on the host: members on every instance, when the driver shares presence. */
  clusterPresence(topic: string): Promise<PresenceMember[]> {
    return this.observer.query({ op: 'clusterPresence', topic })
  }
  /** From now on every join and leave reaches `events.presence`, in order with every other event. */
  async watchPresence(): Promise<void> {
    await this.observer.query({ op: 'watchPresence' })
  }

  /** Resolves once every event the host wrote before this call has arrived. */
  async sync(): Promise<void> {
    const id = await this.observer.query<number>({ op: 'sync' })
    await this.events.until(() => this.events.lastSync >= id, `sync ${id}`)
  }

  /** Waits until the events satisfy `condition` (woken by each event). */
  until(condition: () => boolean, what: string, timeout?: number): Promise<void> {
    return this.events.until(condition, what, timeout)
  }

  /**
   * Asks the host until `check` holds, for state no event announces (a connection released, a
   * topic emptied); rejects naming `what` after `timeout` ms.
   */
  async poll(check: () => Promise<boolean>, what: string, timeout = 3000): Promise<void> {
    const deadline = Date.now() + timeout
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout}ms waiting for ${what} on ${this.host.name}`)
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL))
    }
  }

  /** Waits until the host holds exactly `count` case connections. */
  connectionsAre(count: number, timeout?: number): Promise<void> {
    return this.poll(async () => (await this.connectionCount()) === count, `${count} open connections`, timeout)
  }

  /**
   * Waits until the host has released every connection opened with `?t=<token>` and every event it
   * wrote until then has arrived: after it, a second onClose (or any late report) would be a bug.
   */
  async released(token: string, timeout?: number): Promise<void> {
    await this.poll(async () => !(await this.connections()).some((c) => c.token === token), `connections of ${token} released`, timeout)
    await this.sync()
  }

  /**
   * Starts the host's graceful shutdown (its adapter's `close()`) without ending the process, and
   * resolves with what was left when it finished (the observer is closed with everyone else).
   */
  async shutdown(timeout = 10_000): Promise<HostEventLog['shutdowns'][number]> {
    const before = this.events.shutdowns.length
    this.observer.fire({ op: 'shutdown' })
    await this.events.until(() => this.events.shutdowns.length > before, 'the shutdown to finish', timeout)
    return this.events.shutdowns.at(-1)!
  }
}
