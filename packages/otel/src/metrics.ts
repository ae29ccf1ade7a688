import type { Attributes, Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api'
import { attributeNames as a, metricNames as m } from './attributes.js'

/** The instruments of one instrumented bridge (names and units: attributes.ts). */
export class BridgeMetrics {
  readonly open: UpDownCounter
  readonly upgrades: Counter
  readonly messages: Counter
  readonly bytes: Counter
  readonly handlerDuration: Histogram
  readonly requestDuration: Histogram
  readonly errors: Counter
  readonly drops: Counter
  readonly publishes: Counter
  readonly deliveries: Counter
  readonly #driverUp: Map<string, number> = new Map()

  constructor(meter: Meter) {
    this.open = meter.createUpDownCounter(m.openConnections, { description: 'Open WebSocket connections', unit: '{connection}' })
    this.upgrades = meter.createCounter(m.upgrades, { description: 'WebSocket upgrades by outcome', unit: '{upgrade}' })
    this.messages = meter.createCounter(m.messages, { description: 'WebSocket data frames received and sent', unit: '{message}' })
    this.bytes = meter.createCounter(m.messageBytes, { description: 'Bytes of WebSocket data frames received and sent', unit: 'By' })
    this.handlerDuration = meter.createHistogram(m.handlerDuration, {
      description: 'Time a message handler ran, validation included',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] },
    })
    this.requestDuration = meter.createHistogram(m.requestDuration, {
      description: 'Time from a request to its reply (or the end of its stream)',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
    })
    this.errors = meter.createCounter(m.errors, { description: 'Errors reported to onError, by code', unit: '{error}' })
    this.drops = meter.createCounter(m.drops, { description: 'Frames dropped for clients over the backpressure limit', unit: '{frame}' })
    this.publishes = meter.createCounter(m.publishes, { description: 'Pub/sub publishes', unit: '{message}' })
    this.deliveries = meter.createCounter(m.deliveries, { description: 'Pub/sub deliveries to local subscribers', unit: '{delivery}' })
    const driverUp = meter.createObservableGauge(m.driverUp, { description: '1 while the pub/sub backend is reachable', unit: '1' })
    driverUp.addCallback((result) => {
      for (const [driver, up] of this.#driverUp) result.observe(up, { [a.driver]: driver })
    })
  }

  driverState(driver: string, state: 'up' | 'down'): void {
    this.#driverUp.set(driver, state === 'up' ? 1 : 0)
  }
}

/**
 * One route's attribute objects, built once and reused, so recording a message allocates no
 * attributes once its route (and type) has been seen. The SDK reads them and never changes them.
 */
export class RouteAttributes {
  readonly route: Attributes
  readonly received: Attributes
  readonly transmitted: Attributes
  readonly accepted: Attributes
  readonly #untyped: { received: Attributes; handled: Attributes }
  readonly #typed: Map<string, { received: Attributes; handled: Attributes }> = new Map()
  readonly #failed: Map<string, Attributes> = new Map()
  readonly #requests: Map<string, Attributes> = new Map()

  constructor(route: string) {
    this.route = { [a.route]: route }
    this.received = { [a.route]: route, [a.direction]: 'receive' }
    this.transmitted = { [a.route]: route, [a.direction]: 'transmit' }
    this.accepted = { [a.route]: route, [a.upgradeOutcome]: 'accepted', [a.httpStatus]: 101 }
    this.#untyped = { received: this.received, handled: this.route }
  }

  /** Attributes of an incoming message of a declared `type` (or none), and of its handler's duration. */
  typed(type: string | undefined): { received: Attributes; handled: Attributes } {
    if (type === undefined) return this.#untyped
    let cached = this.#typed.get(type)
    if (cached === undefined) {
      const route = this.route[a.route]
      cached = { received: { ...this.received, [a.messageType]: type }, handled: { [a.route]: route, [a.messageType]: type } }
      this.#typed.set(type, cached)
    }
    return cached
  }

  /**
   * Attributes of a request's duration. Names are the route's declared requests, outcomes four and
   * codes core's fixed table, so the cache is bounded.
   */
  requested(name: string, outcome: string, code: string | undefined): Attributes {
    const key = `${name}\u0000${outcome}\u0000${code ?? ''}`
    let cached = this.#requests.get(key)
    if (cached === undefined) {
      cached = { ...this.route, [a.requestName]: name, [a.requestOutcome]: outcome }
      if (code !== undefined) cached[a.errorType] = code
      this.#requests.set(key, cached)
    }
    return cached
  }

  /** Attributes of an error with `code` on this route. Codes are core's fixed table, so the cache is bounded. */
  failed(code: string): Attributes {
    let cached = this.#failed.get(code)
    if (cached === undefined) this.#failed.set(code, (cached = { ...this.route, [a.errorType]: code }))
    return cached
  }
}
