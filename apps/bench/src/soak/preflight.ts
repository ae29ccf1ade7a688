import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

/**
 * Checks, before anything starts, that this machine can hold `target` connections, and spreads the
 * clients over processes and source addresses. Throws one line saying what to change when it cannot.
 *
 * Loopback caps: every connection from one source address to 127.0.0.1:<port> takes an ephemeral
 * port, ~28k of them (net.ipv4.ip_local_port_range), so each client process binds its own source
 * address (127.0.0.2, .3, …: all of 127/8 is local on Linux). Every process needs a file descriptor
 * per connection: the runner raises the soft limit to the hard one (runner/spawn.ts), which only
 * root can raise.
 */
export interface SoakPlan {
  /** Connections per client process, one source address each. */
  readonly shares: readonly { readonly count: number; readonly localAddress: string }[]
  readonly fdLimit: number
}

/** Churn keeps up to ~5% silent clients on top of the target until the heartbeat ends them. */
const HEADROOM = 1.1
const SLACK = 256

export function planSoak(target: number, processes?: number): SoakPlan {
  const hard = execSync('ulimit -Hn', { shell: '/bin/sh' }).toString().trim()
  const fdLimit = hard === 'unlimited' ? Number.POSITIVE_INFINITY : Number(hard)
  const serverNeeds = target + Math.ceil(target / 10) + SLACK
  if (serverNeeds > fdLimit)
    throw new Error(
      `${target} connections need ~${serverNeeds} open files in the server process but the hard limit is ${fdLimit}: as root, ` +
        `\`prlimit --pid $$ --nofile=${serverNeeds * 2}\` on this shell (or nofile in /etc/security/limits.conf), then rerun`,
    )
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number)
  const ports = (high ?? 0) - (low ?? 0) + 1
  // Churn leaves about 1% of a share per second in TIME_WAIT for 60 s, holding ports, unless
  // tcp_tw_reuse (2, the default, means loopback only) lets new connections reuse them.
  const reuse = readFileSync('/proc/sys/net/ipv4/tcp_tw_reuse', 'utf8').trim() !== '0'
  const perProcess = Math.floor(Math.min(20_000, ports * (reuse ? 0.7 : 0.25), (fdLimit - SLACK) / HEADROOM))
  const count = Math.max(processes ?? 1, Math.ceil(target / perProcess))
  if (count > 250) throw new Error(`${target} connections would need ${count} client processes: raise the file limit or the port range`)
  const conntrack = '/proc/sys/net/netfilter/nf_conntrack_max'
  const tracked = existsSync(conntrack) ? Number(readFileSync(conntrack, 'utf8')) : Number.POSITIVE_INFINITY
  if (tracked < target * 1.5)
    throw new Error(
      `nf_conntrack_max is ${tracked}, under 1.5× ${target} connections: \`sysctl -w net.netfilter.nf_conntrack_max=${target * 2}\` as root`,
    )
  const shares = Array.from({ length: count }, (_, i) => ({
    count: Math.floor(target / count) + (i < target % count ? 1 : 0),
    localAddress: `127.0.0.${2 + i}`,
  }))
  return { shares, fdLimit }
}
