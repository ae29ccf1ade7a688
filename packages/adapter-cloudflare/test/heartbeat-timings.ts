/** Short deadlines for heartbeat-worker.ts, so the heartbeat test runs in seconds (a worker module may export only handlers). */
export const HEARTBEAT_MS = 300
export const IDLE_SECONDS = 1
