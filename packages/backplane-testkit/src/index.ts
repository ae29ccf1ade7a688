/**
 * The shared harness of the backplane chaos tests (history-redis on Redis Streams, pubsub-nats on
 * JetStream): instances behind a TCP balancer, followers that resume through it, a feed publishing
 * numbered messages, and the audit that asserts the durable guarantee. Each package supplies only
 * its options factory (InstanceFactory); the instance hosts on Node and Bun live here. Private: not published.
 */
export { Balancer } from './balancer.js'
export { type ChaosRun, chaosRun } from './chaos-run.js'
export { DURABLE_TOPIC, feedRoutes } from './feed-routes.js'
export { type Feed, startFeed } from './feed.js'
export { type Audit, audit, type Follower, follow } from './followers.js'
export type { InstanceFactory, InstanceSetup } from './instance-setup.js'
export { type LocalInstance, localInstance } from './local-instance.js'
export { bundleInstance, bunExecutable, type ChildInstance, spawnInstance } from './processes.js'
export { type ChaosFigures, type ChatLoss, chaosReport } from './report.js'
export { type RecordingLogger, recordingLogger, sleep, waitFor } from './wait.js'
export { brokerRestart, type Cleanup, killThenRollingRestart, type PublishingInstance } from './scenarios.js'
