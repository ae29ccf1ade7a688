/**
 * The Node cluster primary of a multi-process adapter-node-ws soak (SOAK_ADAPTER=node-ws with several
 * server processes; servers.ts): forks SOAK_WORKERS workers, each running server-node.mjs. Node 20's
 * `net` has no SO_REUSEPORT, so the workers share one port through the cluster module; round-robin
 * scheduling makes the primary accept each connection and hand its descriptor to a worker, after
 * which the primary closes its copy, so it holds only the listening socket and the handles in flight
 * (the soak samples its descriptor count to show it). The workers inherit this process's stdout, and
 * every line they print carries their pid. The primary exits once every worker has exited.
 */
import cluster from 'node:cluster'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Round-robin is Linux's default already; set here because the soak depends on it (with SCHED_NONE
// the workers would accept themselves, and the kernel's wake-ups spread connections unevenly).
cluster.schedulingPolicy = cluster.SCHED_RR
cluster.setupPrimary({ exec: join(dirname(fileURLToPath(import.meta.url)), 'server-node.mjs') })
const workers = Number(process.env['SOAK_WORKERS'] ?? 2)
for (let i = 0; i < workers; i++) cluster.fork()

let exited = 0
cluster.on('exit', (worker, code, signal) => {
  if (code !== 0) process.stderr.write(`worker ${worker.process.pid} exited (${code ?? signal})\n`)
  if (++exited === workers) process.exit(0)
})
// The soak stops the workers itself (each must print FINAL); the primary leaves its SIGTERM to them.
process.on('SIGTERM', () => undefined)
