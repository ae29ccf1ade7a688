/**
 * `@wsbridge/conformance/tools`: everything of the kit that is not the suite itself — the wire
 * client, raw HTTP/upgrade requests, host processes and their event log, capability profiles and
 * report tallies. It never loads vitest (an optional peer), so scripts, smoke checks and other test
 * runners can use it; `@wsbridge/conformance` itself registers vitest tests.
 */
export { openClient, WireClient, frameValue } from './client.js'
export type { WireClientOptions, WireCloseInfo, WireFrame } from './client.js'
export { rawHttpRequest, rawUpgradeRequest } from './raw-http.js'
export type { RawRequest, RawResponse } from './raw-http.js'
export { RunningHost } from './running-host.js'
export { HostEventLog } from './host-events.js'
export { startHost } from './context.js'
export type { ConformanceHost, HostCapabilities } from './host.js'
export type { WireConnection, WireError, WireRefusal } from './fixture/protocol.js'
export { bunProfile, defaultCapabilities, denoProfile, honoWorkerdProfile, nodeProfile, workerdProfile } from './host-profiles.js'
export { Tally, writeReport } from './tally.js'
export type { CaseResult, CaseStatus, HostReport } from './tally.js'
export { httpServerInstance } from './host-instance.js'
export type { HostInstance, HostListen, ListeningHttpServer } from './host-instance.js'
export { fixtureRoutes } from './routes/index.js'
export { recorded, waitForRecorded } from './recorder.js'
export type { RecordedEvent } from './recorder.js'
