import { existsSync, readFileSync } from 'node:fs'
import { hardFileLimit } from '../runner/file-limit.js'
import type { SoakAdapter } from './processes.js'

/**
 * Checks, before anything starts, that this machine can hold `target` connections, and spreads the
 * servers and the clients over processes. Throws one line saying what to change when it cannot.
 *
 * File limit: every process needs a descriptor per connection, and the runner raises each soft limit
 * to the hard one (runner/spawn.ts), which only a process with CAP_SYS_RESOURCE can raise. So the
 * server side runs as many processes sharing one port as the target needs (servers.ts).
 * Loopback caps: every connection from one source address to 127.0.0.1:<port> takes an ephemeral
 * port, ~28k of them (net.ipv4.ip_local_port_range), so clients bind source addresses of their own
 * (127.0.0.2, .3, …: all of 127/8 is local on Linux). Binding one (`localAddress`) makes the kernel pick
 * the port at bind() time, where TIME_WAIT ports cannot be reused and the search for a free port
 * grows costly as the range fills: 50,000 clients from 3 addresses (~17k each, plus churn's
 * TIME_WAIT) opened at ~330 a second with the kernel at 100% system time, so slowly that the heartbeat
 * ended clients faster than they opened. So no address carries more than PER_ADDRESS clients.
 */
export interface SoakPlan {
  /** Connections per client process, and the source addresses it takes in turn (no two share one). */
  readonly shares: readonly { readonly count: number; readonly localAddresses: readonly string[] }[]
  readonly fdLimit: number
  /** Server processes sharing the port. */
  readonly servers: number
  /** Why the default chose several server processes; undefined when asked for or when one holds the target. */
  readonly why: string | undefined
}

/** Churn keeps up to ~5% silent clients on top of the target until the heartbeat ends them. */
const HEADROOM = 1.1
/**
 * How far above an even share the busiest server process may get. Bun: the kernel spreads connections
 * by a hash of the address pair (SO_REUSEPORT); Node: the cluster primary gives each connection to the
 * next worker that has taken the previous one, so a worker the scheduler runs less gets fewer. Churn
 * then closes connections at random. Measured worst busiest/mean during churn (20,000 connections over
 * 4 processes on the loaded 2-core box, docs/benchmarks.md#soak): Bun 1.018, Node 1.081; ~2× margin.
 */
export const SPREAD: Readonly<Record<SoakAdapter, number>> = { bun: 1.05, 'node-ws': 1.15 }
const SLACK = 256
const PER_ADDRESS = 4000
/** More processes than this on a 2-core machine is a sign the file limit, not the plan, needs changing. */
const MAX_SERVERS = 32

export function planSoak(
  adapter: SoakAdapter,
  target: number,
  asked: { clients?: number | undefined; servers?: number | undefined } = {},
): SoakPlan {
  const fdLimit = hardFileLimit()
  const serverNeeds = (servers: number): number => Math.ceil((target / servers) * HEADROOM * (servers > 1 ? SPREAD[adapter] : 1)) + SLACK
  const fewest = Math.max(1, Math.ceil((target * HEADROOM) / (fdLimit - SLACK)))
  let servers = asked.servers ?? fewest
  while (serverNeeds(servers) > fdLimit && asked.servers === undefined) servers++
  if (servers > MAX_SERVERS || serverNeeds(servers) > fdLimit)
    throw new Error(
      `${target} connections need ~${serverNeeds(servers)} open files in each of ${servers} server process(es) but the hard limit is ${fdLimit}: ` +
        `run more server processes (SOAK_SERVER_PROCESSES, at most ${MAX_SERVERS}) or, as root with CAP_SYS_RESOURCE, ` +
        `\`prlimit --pid $$ --nofile=${serverNeeds(servers) * 2}\` on this shell, then rerun`,
    )
  const why =
    asked.servers === undefined && servers > 1
      ? `${target} connections need ~${serverNeeds(1)} open files in one server process but the hard limit is ${fdLimit} per process: ` +
        `${servers} server processes sharing one port, ~${serverNeeds(servers)} files each with churn and spread headroom`
      : undefined
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number)
  const ports = (high ?? 0) - (low ?? 0) + 1
  // A client process is bounded by its file limit; ports are bounded per source address below.
  const perProcess = Math.floor(Math.min(20_000, (fdLimit - SLACK) / HEADROOM))
  const count = Math.max(asked.clients ?? 1, Math.ceil(target / perProcess))
  if (count > 250) throw new Error(`${target} connections would need ${count} client processes: raise the file limit or the port range`)
  const conntrack = '/proc/sys/net/netfilter/nf_conntrack_max'
  const tracked = existsSync(conntrack) ? Number(readFileSync(conntrack, 'utf8')) : Number.POSITIVE_INFINITY
  if (tracked < target * 1.5)
    throw new Error(
      `nf_conntrack_max is ${tracked}, under 1.5× ${target} connections: \`sysctl -w net.netfilter.nf_conntrack_max=${target * 2}\` as root`,
    )
  const counts = Array.from({ length: count }, (_, i) => Math.floor(target / count) + (i < target % count ? 1 : 0))
  const addresses = Math.ceil((counts[0] ?? 0) / Math.min(PER_ADDRESS, ports * 0.15))
  if (2 + count * addresses > 255) throw new Error(`${target} connections would need ${count * addresses} source addresses in 127.0.0.0/24`)
  const shares = counts.map((share, i) => ({
    count: share,
    localAddresses: Array.from({ length: addresses }, (_, k) => `127.0.0.${2 + i * addresses + k}`),
  }))
  return { shares, fdLimit, servers, why }
}
