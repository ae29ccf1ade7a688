import { fmt } from '../report/table.js'
import type { SoakTotals } from './aggregate.js'
import { SPREAD } from './preflight.js'
import type { SoakAdapter } from './processes.js'
import type { SoakSamples } from './sampler.js'
import type { ServerMember } from './servers.js'
import type { SoakStats } from './tally.js'

/** Everything the soak's closing report is made of. */
export interface SoakOutcome {
  readonly adapter: SoakAdapter
  readonly target: number
  /** Clients open (Σ over client processes) when the ramp-up ended. */
  readonly opened: number
  readonly heartbeat: number
  /** Worst event-loop lag, in ms, of any client process and of any server process (lag.ts). */
  readonly lag: { readonly client: number; readonly server: number }
  readonly headline: string
  readonly members: readonly ServerMember[]
  readonly finals: readonly SoakStats[]
  readonly totals: SoakTotals
  readonly samples: SoakSamples
  readonly minConcurrent: number
  /** JS heap of each process at the first report during churn and at its end, by pid. */
  readonly heaps: Map<number, { first: number; end: number }>
}

const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`
const kib = (bytes: number): string => `${fmt(bytes / 1024, 1)} KiB`

/**
 * A soak holds its target when every client opened and concurrency, sampled each second during churn,
 * stayed within 2% of the target (the processes report a second apart, so the sum can dip a little;
 * churn opens replacements before it closes, so a real shortfall is clients that dropped).
 */
const HELD = 0.98

/** The closing report's lines (without the `[soak]` prefix); the last is PASS or FAIL. */
export function soakReport(o: SoakOutcome): string[] {
  const { totals: t, samples: s } = o
  const peak = s.peak
  const baseline = o.members.reduce((total, m) => total + m.baseline, 0)
  const perConnection = peak.rss / Math.max(1, peak.connections)
  const aboveBaseline = (peak.rss - baseline) / Math.max(1, peak.connections)
  const several = o.members.length > 1
  const lines = [
    `${o.headline}: ${t.opened} opens, ${t.closes} closes`,
    `fewest concurrent connections sampled during churn: ${o.minConcurrent}` +
      (several
        ? `; busiest server process over the mean share during churn: at worst ${fmt(s.worstSpread, 3)} (preflight allows ${SPREAD[o.adapter]})`
        : ''),
    `peak Σ server RSS ${mib(peak.rss)} at ${peak.connections} connections: ${kib(perConnection)} per connection, which includes ` +
      `each server process's fixed cost${s.primary ? ' and the cluster primary' : ''}; Σ baseline ${mib(baseline)}, ${kib(aboveBaseline)} per connection above it`,
  ]
  if (several) {
    lines.push(`per process at the peak: ${peak.processes.map((p) => `pid ${p.pid} ${p.connections} conns, RSS ${mib(p.rss)}`).join('; ')}`)
    const heap = (pid: number): string => {
      const h = o.heaps.get(pid)
      return h ? `heap ${mib(h.first)} → ${mib(h.end)}` : 'heap not reported'
    }
    lines.push(
      `per process: ${o.finals.map((f) => `pid ${f.pid}: ${f.opened} opens, at most ${o.samples.most.get(f.pid) ?? 0} concurrent, ${heap(f.pid)}`).join('; ')}`,
    )
  } else {
    const h = o.heaps.get(o.finals[0]?.pid ?? 0)
    lines.push(`JS heap at the first report ${mib(h?.first ?? 0)}, at the end of churn ${mib(h?.end ?? 0)}`)
  }
  if (s.primary)
    lines.push(
      `node cluster primary: peak RSS ${mib(s.primary.rss)}, at most ${s.primary.fds} open descriptors (it hands every connection to a worker)`,
    )
  lines.push(
    `onClose codes: ${JSON.stringify(t.closeCodes)} (1006 without a reason: the client dropped the TCP connection)`,
    `onClose exactly once: ${t.once}/${t.opened}; twice or more: ${t.more}; never: ${t.never}; registry ${t.connections}, topics ${t.topics}` +
      (several ? ` (summed over ${o.finals.length} processes, each checked on its own)` : ''),
  )
  const held = o.opened >= o.target && o.minConcurrent >= o.target * HELD
  lines.push(
    `held the target: ${held ? 'yes' : 'no'} (${o.opened} of ${o.target} clients opened; fewest concurrent during churn ${o.minConcurrent}, ` +
      `at least ${Math.ceil(o.target * HELD)} needed); worst event-loop lag: clients ${o.lag.client} ms, servers ${o.lag.server} ms ` +
      `(a pong later than the ${o.heartbeat} ms heartbeat ends a live connection as dead)`,
  )
  if (t.failing.length > 0) lines.push(`server processes whose own accounting fails: ${t.failing.join(', ')}`)
  if (t.idle.length > 0) lines.push(`server processes that got no connection: ${t.idle.join(', ')}`)
  lines.push(t.ok && held ? 'PASS' : 'FAIL')
  return lines
}
