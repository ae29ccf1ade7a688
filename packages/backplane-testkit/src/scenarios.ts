import { Balancer } from './balancer.js'
import { startFeed } from './feed.js'
import { type Follower, follow } from './followers.js'
import type { ChildInstance } from './processes.js'
import { type ChaosFigures, chaosReport } from './report.js'
import { sleep, waitFor } from './wait.js'

/** An instance the test process runs itself: it publishes the feed. */
export interface PublishingInstance {
  readonly port: number
  publish(topic: string, data: unknown): unknown
}

/** Registers cleanups in the order they must run (last registered first is the caller's choice). */
export type Cleanup = (cleanup: () => Promise<unknown>) => void

// Every wait below is for a condition, with bounds generous enough for a loaded two-core CI
// machine (load 10+): a step never assumes that a fixed sleep was long enough for it to happen.
const LIVE = 15_000
const CATCH_UP = 25_000

/** Resolves once every follower has received a durable message numbered above `n` (it is live again). */
function past(followers: Follower[], n: number, what: string): Promise<void> {
  const where = () => `${what} (past ${n}; followers at ${followers.map((f) => f.news.at(-1) ?? 0).join(', ')})`
  return waitFor(() => followers.every((f) => (f.news.at(-1) ?? 0) > n), where, LIVE)
}

/** Resolves once every follower has the feed's last durable message. */
function caughtUp(followers: Follower[], last: number): Promise<void> {
  const where = () => `followers catching up to ${last} (at ${followers.map((f) => f.news.at(-1) ?? 0).join(', ')})`
  return waitFor(() => followers.every((f) => f.news.at(-1) === last), where, CATCH_UP)
}

/**
 * Three instances behind three balancers, two followers on each, a feed of 200 msg/s from
 * `local`: the instance of `kinds[0]` is killed with SIGKILL mid-stream (its followers move to the
 * next one), then a rolling restart replaces both children one at a time (SIGTERM, 1001), each
 * time pointing the balancers at the new process first. Asserts the durable guarantee.
 */
export async function killThenRollingRestart(options: {
  readonly local: PublishingInstance
  readonly spawn: (kind: string) => Promise<ChildInstance>
  readonly kinds: readonly [string, string]
  readonly cleanup: Cleanup
  readonly rate?: number
}): Promise<ChaosFigures> {
  const { local, spawn, kinds, cleanup } = options
  const [b, c] = await Promise.all([spawn(kinds[0]), spawn(kinds[1])])
  const balancers = await Promise.all([local.port, b.port, c.port].map((port) => Balancer.start(port)))
  cleanup(() => Promise.all(balancers.map((balancer) => balancer.close())))
  const followers = balancers.flatMap((balancer) => [follow(balancer.url), follow(balancer.url)])
  cleanup(async () => followers.forEach((f) => f.close()))
  const feed = startFeed((topic, data) => local.publish(topic, data), options.rate ?? 200)
  cleanup(async () => feed.stop())
  await waitFor(() => followers.every((f) => f.news.length > 0), 'every follower receiving', LIVE)
  await past(followers, feed.last + 20, 'live traffic before the kill')

  await b.stop('SIGKILL')
  balancers[1]!.target = c.port
  await past(followers, feed.last + 20, 'followers of the killed instance back on another')

  // Rolling restart: a new instance of each kind takes the place of the old one, then the old one stops.
  const c2 = await spawn(kinds[1])
  balancers[1]!.target = c2.port
  balancers[2]!.target = c2.port
  await c.stop('SIGTERM')
  await past(followers, feed.last + 20, `followers back after the first restart (${kinds[1]})`)
  const b2 = await spawn(kinds[0])
  balancers[1]!.target = b2.port
  balancers[2]!.target = b2.port
  await c2.stop('SIGTERM')
  await past(followers, feed.last + 20, `followers back after the second restart (${kinds[0]})`)

  feed.stop()
  await caughtUp(followers, feed.last)
  // A duplicate would arrive just after the last message: give it a moment to show up.
  await sleep(500)
  return chaosReport(`kill -9 (${kinds[0]}) + rolling restart (${kinds.join(', ')})`, followers, feed.last, 1, 'announced')
}

/**
 * Two instances that both publish (messages alternate between them), two followers on each,
 * connected straight to their instance: the broker is killed for `outage` ms (at least 50 messages
 * are published into the outage) and restarted. Asserts the durable guarantee; the plain topic
 * loses silently (at most once) and never repeats.
 */
export async function brokerRestart(options: {
  readonly name: string
  readonly instances: readonly [PublishingInstance, PublishingInstance]
  readonly kill: () => Promise<void>
  readonly restart: () => Promise<void>
  readonly cleanup: Cleanup
  readonly outage?: number
  readonly rate?: number
  /** Allow what docs/scaling.md allows: a message published into the outage, whose append was retried, may follow later ones of its publisher. */
  readonly retriedMayReorder?: boolean
}): Promise<ChaosFigures> {
  const [a, b] = options.instances
  const followers = [a, a, b, b].map((instance) => follow(`ws://127.0.0.1:${instance.port}/ws`))
  options.cleanup(async () => followers.forEach((f) => f.close()))
  let n = 0
  // Each tick publishes two messages (news, chat): even ticks from a, odd ones from b.
  const feed = startFeed((topic, data) => (n++ % 4 < 2 ? a : b).publish(topic, data), options.rate ?? 200)
  options.cleanup(async () => feed.stop())
  await waitFor(() => followers.every((f) => f.news.length > 0), 'every follower receiving', LIVE)
  await past(followers, feed.last + 20, 'live traffic before the outage')

  // Messages not yet delivered everywhere when the broker dies may still wait for their append.
  const undelivered = Math.min(...followers.map((f) => f.news.at(-1) ?? 0)) + 1
  await options.kill()
  const down = Date.now()
  const atKill = feed.last
  await waitFor(() => Date.now() - down >= (options.outage ?? 1000) && feed.last >= atKill + 50, 'publishes during the outage', LIVE)
  await options.restart()
  await past(followers, feed.last + 20, 'followers receiving after the restart')
  const afterRestart = feed.last

  feed.stop()
  await caughtUp(followers, feed.last)
  await sleep(500)
  const retried = options.retriedMayReorder ? ([undelivered, afterRestart] as const) : undefined
  return chaosReport(options.name, followers, feed.last, 2, 'silent', retried)
}
